package dev.junitloadtest.internal.threshold;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.HdrHistogram.Histogram;

import dev.junitloadtest.internal.config.DurationSyntax;
import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.internal.recording.IntervalSnapshot;
import dev.junitloadtest.internal.recording.RequestKey;
import dev.junitloadtest.internal.recording.RequestSample;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.internal.recording.RunControl;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.result.StopReason;

/**
 * Watches the thresholds that may stop a run ({@code abortOnFail}), judging each on the figures of the run (or of
 * its window) so far at the end of every interval, and stops the run when one fails for good: at once when it can no
 * longer pass, or once it has stayed breached for its grace period. Stops the run once, with a reason that names the
 * threshold and its figures. Called on the sampler thread only. Internal.
 */
final class AbortWatch implements RunListener {

    private final List<Watched> watched = new ArrayList<>();
    private RunControl control;
    private boolean stopped;

    AbortWatch(List<ThresholdSpec> specs) {
        specs.stream().filter(ThresholdSpec::abortOnFail).map(Watched::new).forEach(watched::add);
    }

    @Override
    public void runStarted(RunClock clock, RunControl control) {
        this.control = control;
    }

    @Override
    public void intervalEnded(IntervalSnapshot snapshot) {
        if (stopped) {
            return;
        }
        for (Watched threshold : watched) {
            Optional<StopReason> reason = threshold.check(snapshot);
            if (reason.isPresent()) {
                stopped = true;
                control.stop(reason.get());
                return;
            }
        }
    }

    /** One threshold under watch, with its window's figures so far and when each of its breaches began. */
    private static final class Watched {

        private final ThresholdSpec spec;
        private final Map<RequestKey, Tally> requests = new HashMap<>();
        private final Tally all = new Tally();
        private final Map<String, Long> breachedSince = new HashMap<>();
        private long windowStartNanos = -1;

        Watched(ThresholdSpec spec) {
            this.spec = spec;
        }

        Optional<StopReason> check(IntervalSnapshot snapshot) {
            long now = snapshot.endOffsetNanos();
            Map<String, Figures> subjects;
            if (spec.window() instanceof Window.Whole) {
                subjects = subjects(snapshot, sample -> Figures.of(sample.cumulative(), sample.serviceCumulative(),
                        sample.totalFailures(), Duration.ofNanos(now)));
            } else {
                if (!spec.window().covers(snapshot.startOffsetNanos())) {
                    return Optional.empty();
                }
                if (windowStartNanos < 0) {
                    windowStartNanos = snapshot.startOffsetNanos();
                }
                all.add(snapshot.aggregated());
                snapshot.requests().forEach(sample -> requests.computeIfAbsent(sample.key(), k -> new Tally())
                        .add(sample));
                Duration elapsed = Duration.ofNanos(now - windowStartNanos);
                subjects = subjects(snapshot, sample -> {
                    Tally tally = sample.key().equals(snapshot.aggregated().key()) ? all : requests.get(sample.key());
                    return Figures.of(tally.histogram, tally.histogram, tally.failures, elapsed);
                });
            }
            for (Map.Entry<String, Figures> subject : subjects.entrySet()) {
                Optional<StopReason> reason = judge(subject.getKey(), subject.getValue(), now);
                if (reason.isPresent()) {
                    return reason;
                }
            }
            return Optional.empty();
        }

        /** The figures of each request the threshold judges, by the request as its verdict names it. */
        private Map<String, Figures> subjects(IntervalSnapshot snapshot,
                java.util.function.Function<RequestSample, Figures> figures) {
            Map<String, Figures> subjects = new LinkedHashMap<>();
            switch (spec.scope()) {
                case Scope.All all -> subjects.put(Scope.AGGREGATED, figures.apply(snapshot.aggregated()));
                case Scope.One one -> find(snapshot, one.key())
                        .ifPresent(sample -> subjects.put(one.key(), figures.apply(sample)));
                case Scope.Each each -> snapshot.requests()
                        .forEach(sample -> subjects.put(sample.key().toString(), figures.apply(sample)));
            }
            return subjects;
        }

        /** The request {@code key} names, as {@code LoadTestResult.request(String)} finds it. */
        private static Optional<RequestSample> find(IntervalSnapshot snapshot, String key) {
            for (RequestSample sample : snapshot.requests()) {
                if (sample.key().toString().equals(key)) {
                    return Optional.of(sample);
                }
            }
            List<RequestSample> byName = snapshot.requests().stream().filter(s -> s.key().name().equals(key))
                    .toList();
            return byName.size() == 1 ? Optional.of(byName.getFirst()) : Optional.empty();
        }

        private Optional<StopReason> judge(String request, Figures figures, long now) {
            Expression expression = spec.expression();
            if (figures.count() == 0 && expression.metric().needsRequests()) {
                breachedSince.remove(request);
                return Optional.empty();
            }
            BigDecimal actual = expression.metric().measure(figures);
            if (expression.holds(actual)) {
                breachedSince.remove(request);
                return Optional.empty();
            }
            String subject = request.equals(Scope.AGGREGATED) ? "all requests" : request;
            String figuresText = Judge.describe(expression, subject, spec.window().phrase(), figures, actual);
            String when = Judge.at(Duration.ofNanos(now)) + " into the run";
            if (expression.failsForGood(actual)) {
                return Optional.of(spec.stop(request, "can no longer pass, at " + when + ": " + figuresText));
            }
            if (expression.metric().trend() != Metric.Trend.EITHER) {
                // count >= 1000, failures == 5: still open until the end, whatever the figures so far.
                return Optional.empty();
            }
            long since = breachedSince.computeIfAbsent(request, r -> now);
            if (now - since >= spec.abortGrace().toNanos()) {
                return Optional.of(spec.stop(request, "stayed breached for " + Judge.at(Duration.ofNanos(now - since))
                        + " (abortGrace " + DurationSyntax.format(spec.abortGrace()) + "), at " + when + ": "
                        + figuresText));
            }
            return Optional.empty();
        }
    }

    /** A window's figures so far for one request name (or all): response times and failures. */
    private static final class Tally {

        private final Histogram histogram = Histograms.newHistogram();
        private long failures;

        void add(RequestSample sample) {
            histogram.add(sample.interval());
            failures += sample.intervalFailures();
        }
    }
}
