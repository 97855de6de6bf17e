package io.jenkins.plugins.releasegate.engine;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Adapter: the git authors of the commits in {@code base..head}, for the rule that an author never approves. Used
 * only while the engine's diff JSON has no {@code authors} field; once it has, the diff supplies them and this class
 * goes. Reads the repository with the JGit bundled through the engine.
 */
public final class CommitAuthors {
    /** Upper bound on the commits walked, so a wrong base cannot make the walk unbounded. */
    static final int MAX_COMMITS = 50_000;

    private CommitAuthors() {
    }

    /** [{name, email}] of every distinct author in {@code base..head}, in walk order. */
    public static List<Map<String, Object>> between(File repository, String base, String head) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().findGitDir(repository).setMustExist(true).build();
                RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(resolve(repo, head)));
            walk.markUninteresting(walk.parseCommit(resolve(repo, base)));
            Set<String> seen = new LinkedHashSet<>();
            List<Map<String, Object>> authors = new ArrayList<>();
            int count = 0;
            for (RevCommit commit : walk) {
                if (++count > MAX_COMMITS) {
                    throw new IOException("more than " + MAX_COMMITS + " commits between " + base + " and " + head
                            + "; is the base right?");
                }
                PersonIdent author = commit.getAuthorIdent();
                if (seen.add(author.getName() + "\u0000" + author.getEmailAddress())) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", author.getName());
                    entry.put("email", author.getEmailAddress());
                    authors.add(entry);
                }
            }
            return authors;
        }
    }

    private static ObjectId resolve(Repository repo, String revision) throws IOException {
        ObjectId id = repo.resolve(revision + "^{commit}");
        if (id == null) {
            throw new IOException("unknown revision '" + revision + "' in " + repo.getDirectory());
        }
        return id;
    }
}
