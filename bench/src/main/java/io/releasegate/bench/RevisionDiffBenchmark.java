package io.releasegate.bench;

import io.releasegate.log.LogSink;
import io.releasegate.policy.ChangeReport;
import io.releasegate.policy.ChangeAssessment;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The semantic diff in a warm JVM (as the Jenkins plugin runs it): {@link ChangeAssessment#review} between the first
 * and the last commit of the repository made by {@code bench/gen-repo.py}. {@code bench/diff-vs-git.sh} runs it and
 * compares it with {@code git diff --stat} for the same revisions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RevisionDiffBenchmark {
    @Param("bench/work/diff-repo")
    public String repo;

    @Param("")
    public String base;

    @Param("HEAD")
    public String head;

    @Benchmark
    public ChangeReport review() throws Exception {
        return ChangeAssessment.assess(Path.of(repo), base, head, Optional.empty(), false, LogSink.NONE);
    }
}
