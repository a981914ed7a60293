package dev.junitloadtest.internal.report.html;

import static dev.junitloadtest.internal.report.html.Html.text;

import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.GeneratorHealth;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RunProfile;

/**
 * The report's account of the load the run was configured to put on the target, after every override, so a report
 * can be read without the test's source. Internal.
 */
final class ProfileSection {

    private final LoadTestResult result;
    private final StringBuilder out;

    ProfileSection(LoadTestResult result, StringBuilder out) {
        this.result = result;
        this.out = out;
    }

    void render() {
        RunProfile profile = result.profile();
        out.append("<section id=\"profile\">\n<h2>Profile</h2>\n<dl class=\"facts\">\n");
        fact("Test", text(profile.testName()));
        fact("Load model", text(profile.loadModel()));
        fact("Duration", Formats.duration(profile.duration()));
        fact("Stop timeout", Formats.duration(profile.stopTimeout()));
        fact("Host", profile.host().isEmpty() ? "<span class=\"muted\">none (absolute URLs only)</span>"
                : "<code>" + text(profile.host()) + "</code>" + (profile.hostSource().isEmpty() ? ""
                        : " <span class=\"muted\">from " + text(profile.hostSource()) + "</span>"));
        fact("Seed", "<code>" + profile.seed() + "</code>");
        fact("Started", Formats.timestamp(result.startedAt()));
        fact("Measured", Formats.elapsed(result.elapsed()));
        GeneratorHealth health = result.generatorHealth();
        if (health.isMeasured()) {
            fact("Load generator", (health.isHealthy() ? "<span class=\"good\">healthy</span>"
                : "<span class=\"bad\">skewed</span>") + " <span class=\"muted\">" + text(health.summary()
                        .substring(health.summary().indexOf(':') + 2)) + "</span>");
        }
        if (result.droppedIterations() > 0) {
            fact("Dropped iterations", "<span class=\"bad\">" + Formats.count(result.droppedIterations())
                    + "</span> <span class=\"muted\">could not start: every user was busy</span>");
        }
        if (result.notSentCount() > 0) {
            fact("Not sent", "<span class=\"bad\">" + Formats.count(result.notSentCount())
                    + "</span> <span class=\"muted\">request(s) the load generator did not send, in no figure: "
                    + text(result.notSent().entrySet().stream().map(e -> Formats.count(e.getValue()) + " × "
                            + e.getKey()).collect(java.util.stream.Collectors.joining("; "))) + "</span>");
        }
        out.append("</dl>\n");
        userTypes(profile);
        stages(profile);
        out.append("</section>\n");
    }

    private void fact(String name, String html) {
        out.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private void userTypes(RunProfile profile) {
        out.append("<h3>User types</h3>\n<table class=\"user-types\">\n<thead><tr><th>User type</th>")
                .append("<th>Users</th><th>Between tasks</th><th>Tasks (weight)</th></tr></thead>\n<tbody>\n");
        for (RunProfile.UserTypeInfo type : profile.userTypes()) {
            out.append("<tr><td>").append(text(type.name())).append("</td><td>")
                    .append(type.fixedCount() > 0 ? "fixed " + type.fixedCount() : "weight " + type.weight())
                    .append("</td><td>").append(text(type.waitTime())).append("</td><td>");
            boolean first = true;
            for (String task : type.tasks()) {
                out.append(first ? "" : " ").append("<code class=\"task\">").append(text(task)).append("</code>");
                first = false;
            }
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private void stages(RunProfile profile) {
        if (profile.stages().isEmpty()) {
            return;
        }
        out.append("<h3>Stages</h3>\n<table class=\"stages\">\n<thead><tr><th class=\"num\">Stage</th>")
                .append("<th class=\"num\">From</th><th class=\"num\">To</th><th class=\"num\">Users</th>")
                .append("<th class=\"num\">Spawn rate</th></tr></thead>\n<tbody>\n");
        for (RunProfile.StageInfo stage : profile.stages()) {
            out.append("<tr><td class=\"num\">").append(stage.number()).append("</td><td class=\"num\">")
                    .append(Formats.offset(stage.start())).append("</td><td class=\"num\">")
                    .append(Formats.offset(stage.end())).append("</td><td class=\"num\">")
                    .append(Formats.count(stage.users())).append("</td><td class=\"num\">")
                    .append(Formats.spawnRate(stage.spawnRate())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }
}
