package dev.junitloadtest.samples.locustonheroku;

import dev.junitloadtest.Task;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;

/**
 * The Locust-on-Heroku article's {@code ApiUser} (locustfile_scene_1.py): a user of the target API who calls its home
 * page and its volatile endpoint, waiting between five and nine seconds after each call.
 *
 * <p>A plain class with tasks is a user type: load tests list it with {@code @UserType(ApiUser.class)}, as the
 * article's run script hands a locustfile to Locust.
 */
@WaitTime(min = "50ms", max = "90ms") // the article's between(5, 9), 100 times shorter; -Plong runs 5s..9s
public class ApiUser {

    @Task
    void home(Http http) {
        http.get("/");
    }

    @Task
    void volatileEndpoint(Http http) {
        http.get("/volatile");
    }
}
