# Locust HttpUser (requests): every user sends GET / in a loop without waiting.
from locust import HttpUser, constant, task


class Bench(HttpUser):
    wait_time = constant(0)

    @task
    def home(self):
        self.client.get("/")
