package dev.junitloadtest.internal.locust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.UserTypeSpec;

/**
 * The locustfile a Locust master needs to drive workers of a load test class: one user class per user type, named as
 * the type's simple name, with its weight or fixed count. The master only counts and dispatches these users; their
 * tasks run in the workers, so the stubs' task does nothing. Internal.
 */
final class Locustfile {

    /** The file's name in the class's output folder. */
    static final String NAME = "locustfile.py";

    private Locustfile() {
    }

    /** Writes the locustfile for {@code profile} to {@code file}. */
    static void write(Path file, LoadProfile profile) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text(profile), StandardCharsets.UTF_8);
    }

    /** The locustfile's text. */
    static String text(LoadProfile profile) {
        StringBuilder text = new StringBuilder();
        text.append("# The Locust master's side of ").append(profile.testName())
                .append(", written by junit-loadtest for a run as Locust workers.\n")
                .append("# Each user class stands for the user type of the same name; its tasks run in the workers\n")
                .append("# (mvn test -Dtest=").append(profile.testName())
                .append(" -Dloadtest.locust.master=HOST:PORT), so the stubs here do nothing.\n")
                .append("# Start the master with: locust -f locustfile.py --master\n\n")
                .append("from locust import User, constant, task\n");
        for (UserTypeSpec type : profile.userTypes()) {
            text.append("\n\nclass ").append(type.name()).append("(User):\n");
            if (type.fixedCount() > 0) {
                text.append("    fixed_count = ").append(type.fixedCount()).append('\n');
            } else {
                text.append("    weight = ").append(type.weight()).append('\n');
            }
            text.append("    wait_time = constant(1)\n\n")
                    .append("    @task\n")
                    .append("    def run_in_workers(self):\n")
                    .append("        pass\n");
        }
        return text.toString();
    }
}
