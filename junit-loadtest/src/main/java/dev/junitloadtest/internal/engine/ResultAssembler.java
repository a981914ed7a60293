package dev.junitloadtest.internal.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.junitloadtest.internal.config.LoadModel;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.Stage;
import dev.junitloadtest.internal.config.TaskSpec;
import dev.junitloadtest.internal.config.UserTypeSpec;
import dev.junitloadtest.internal.recording.FailureLog;
import dev.junitloadtest.internal.recording.Recording;
import dev.junitloadtest.internal.recording.RequestKey;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.internal.recording.Sampler;
import dev.junitloadtest.internal.recording.Timeline;
import dev.junitloadtest.result.ExceptionStats;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.GeneratorHealth;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ResultBuilder;
import dev.junitloadtest.result.RunProfile;
import dev.junitloadtest.result.StopReason;
import dev.junitloadtest.result.TaskStats;

/** Turns what a run recorded into its immutable {@link LoadTestResult}. Internal. */
final class ResultAssembler {

    private final LoadProfile profile;
    private final Recording recording;
    private final Sampler sampler;
    private final RunClock clock;
    private final Duration elapsed;
    private final GeneratorHealth health;

    ResultAssembler(LoadProfile profile, Recording recording, Sampler sampler, RunClock clock, Duration elapsed,
            GeneratorHealth health) {
        this.profile = profile;
        this.recording = recording;
        this.sampler = sampler;
        this.clock = clock;
        this.elapsed = elapsed;
        this.health = health;
    }

    LoadTestResult assemble(List<String> warnings, Optional<StopReason> stop) {
        ResultBuilder builder = new ResultBuilder(runProfile(profile, recording.masker()), clock.startInstant(),
                elapsed);
        sampler.totals().forEach((key, totals) -> builder.request(key.method(), key.name(), totals.responseTimes(),
                totals.serviceTimes(), totals.failures(), totals.bytes()));
        for (Timeline.Entry entry : sampler.timeline().entries()) {
            entry.slices().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
                RequestKey key = e.getKey();
                Timeline.Slice slice = e.getValue();
                builder.intervalRequest(key.method(), key.name(), slice.histogram(), slice.serviceHistogram(),
                        slice.count(), slice.failures(), slice.bytes());
            });
            builder.interval(Duration.ofNanos(entry.startNanos()), Duration.ofNanos(entry.endNanos()), entry.users());
        }
        for (FailureLog.Count count : recording.failures().counts()) {
            builder.failure(new FailureStats(count.key().method(), count.key().name(), count.error(),
                    count.occurrences()));
        }
        recording.exceptions().entries().forEach(entry -> builder.exception(
                new ExceptionStats(entry.count(), entry.message(), entry.trace(), entry.where())));
        recording.tasks().forEach(task -> builder.task(
                new TaskStats(task.userType(), task.task(), task.iterations(), task.exceptions())));
        builder.droppedIterations(recording.droppedIterations().sum());
        builder.notSent(recording.notSent());
        if (recording.namesOverflowed()) {
            warnings.add("More than " + recording.maxNames() + " distinct request names were used; the rest were "
                    + "recorded as '" + Recording.OTHER_NAMES + "'. Name requests by their path template "
                    + "(http.get(\"/orders/{id}\", id)) or with HttpRequest.name(...), or raise loadtest.max-request-names.");
        }
        if (recording.failures().overflowed()) {
            warnings.add("More distinct failure messages than the report keeps; the rest are counted as '"
                    + FailureLog.OTHER_ERRORS + "'.");
        }
        if (recording.exceptions().overflowed()) {
            warnings.add("More distinct exception stack traces than the report keeps; the rest are counted together.");
        }
        recording.masker().overflowWarning().ifPresent(warnings::add);
        if (profile.model() instanceof LoadModel.Open && recording.droppedIterations().sum() > 0) {
            warnings.add(recording.droppedIterations().sum() + " iteration(s) could not start because all "
                    + ((LoadModel.Open) profile.model()).maxUsers() + " users were busy; raise the cap "
                    + "(@ArrivalRate maxUsers) or expect the target to be saturated.");
        }
        recording.runFailures().messages().forEach(builder::runFailure);
        builder.generatorHealth(health);
        warnings.forEach(builder::warning);
        stop.ifPresent(builder::stop);
        return builder.build();
    }

    static RunProfile runProfile(LoadProfile profile, dev.junitloadtest.internal.recording.SecretMasker masker) {
        List<RunProfile.UserTypeInfo> types = new ArrayList<>();
        for (UserTypeSpec type : profile.userTypes()) {
            List<String> tasks = type.tasks().stream().map(ResultAssembler::describe).toList();
            types.add(new RunProfile.UserTypeInfo(type.name(), type.weight(), type.fixedCount(),
                    type.waitStrategy().describe(), tasks));
        }
        List<RunProfile.StageInfo> stages = new ArrayList<>();
        if (profile.model() instanceof LoadModel.Closed closed) {
            Duration start = Duration.ZERO;
            int number = 1;
            for (Stage stage : closed.stages()) {
                Duration end = start.plus(stage.duration());
                stages.add(new RunProfile.StageInfo(number++, start, end, stage.users(), stage.spawnRate()));
                start = end;
            }
        }
        return new RunProfile(profile.testName(), profile.describeModel(), types, profile.model().duration(),
                profile.stopTimeout(), masker.mask(profile.displayHost(), null),
                profile.hostSource(),
                profile.seed(), stages);
    }

    private static String describe(TaskSpec task) {
        return task.name() + " (" + task.weight() + ")";
    }
}
