package io.releasegate.diff;

import io.releasegate.config.FileRules;
import io.releasegate.log.LogSink;
import java.nio.file.Path;

/** The semantic diff of two commits of a test repository, as the diff tests run it. */
final class RevisionDiffs {
    private RevisionDiffs() {
    }

    /** Files recognised by content, no patch. */
    static DiffResult byContent(Path repository, String base, String head) throws RepositoryException {
        return between(repository, base, head, FileRules.byContent(), false);
    }

    static DiffResult between(Path repository, String base, String head, FileRules rules, boolean includePatch)
            throws RepositoryException {
        try (GitRepository git = GitRepository.open(repository)) {
            return new RevisionDiff(git, rules, LogSink.NONE).compare(base, head, includePatch);
        }
    }
}
