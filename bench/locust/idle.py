# Idle users for the memory benchmark: each user sends one request when it starts, then waits.
from locust import FastHttpUser, constant, task


class Idle(FastHttpUser):
    wait_time = constant(3600)

    def on_start(self):
        self.client.get("/")

    @task
    def idle(self):
        pass
