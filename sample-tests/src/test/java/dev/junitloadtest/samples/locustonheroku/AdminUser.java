package dev.junitloadtest.samples.locustonheroku;

import dev.junitloadtest.Task;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;

/**
 * The Locust-on-Heroku article's {@code AdminUser} (locustfile_scene_2.py): a user of the target API who calls its home
 * page and its buggy endpoint, waiting between five and fifteen seconds after each call.
 */
@WaitTime(min = "50ms", max = "150ms") // the article's between(5, 15), 100 times shorter; -Plong runs 5s..15s
public class AdminUser {

    @Task
    void home(Http http) {
        http.get("/");
    }

    @Task
    void buggy(Http http) {
        http.get("/buggy");
    }
}
