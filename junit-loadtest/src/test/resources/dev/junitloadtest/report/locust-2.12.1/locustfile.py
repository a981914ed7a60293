from locust import HttpUser, task, constant

class AdminUser(HttpUser):
    wait_time = constant(0.05)

    @task(2)
    def home(self):
        self.client.get("/")

    @task(2)
    def buggy(self):
        self.client.get("/buggy")

    @task(1)
    def broken(self):
        raise ValueError("task code failed")
