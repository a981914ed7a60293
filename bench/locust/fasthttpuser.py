# Locust FastHttpUser (geventhttpclient): every user sends GET / in a loop without waiting.
from locust import FastHttpUser, constant, task


class Bench(FastHttpUser):
    wait_time = constant(0)

    @task
    def home(self):
        self.client.get("/")
