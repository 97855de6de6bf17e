package io.releasegate.diff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The tracked files whose bytes in the work tree are not the committed blob although git calls them unmodified: a
 * {@code .gitattributes} of the change ({@code working-tree-encoding}, {@code eol}, {@code ident}, a filter) converts
 * them on checkout, so what a deploy reads is not what the diff reviewed. Looked for only when attributes apply (a
 * {@code .gitattributes} in the revision, {@code .git/info/attributes} or {@code core.attributesFile}).
 */
final class WorkTreeBytes {
    static final String CONVERTED = "differs byte for byte from the committed file (converted on checkout by "
            + ".gitattributes: working-tree-encoding, eol, ident or a filter)";

    private WorkTreeBytes() {
    }

    /** Path to {@link #CONVERTED} for each regular file of {@code commit} whose work-tree bytes are not its blob. */
    static Map<String, String> converted(Repository repository, ObjectId commit, Path root) throws IOException {
        Map<String, String> differing = new TreeMap<>();
        if (!attributesApply(repository, commit)) {
            return differing;
        }
        ObjectInserter.Formatter ids = new ObjectInserter.Formatter();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                Path file = root.resolve(tree.getPathString());
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE
                        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // a missing file or another type is git's own finding
                }
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    if (!ids.idFor(Constants.OBJ_BLOB, Files.size(file), in).equals(tree.getObjectId(0))) {
                        differing.put(tree.getPathString(), CONVERTED);
                    }
                }
            }
        }
        return differing;
    }

    private static boolean attributesApply(Repository repository, ObjectId commit) throws IOException {
        if (Files.exists(repository.getDirectory().toPath().resolve("info/attributes"))
                || repository.getConfig().getString("core", null, "attributesFile") != null) {
            return true;
        }
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (tree.getNameString().equals(Constants.DOT_GIT_ATTRIBUTES)) {
                    return true;
                }
            }
        }
        return false;
    }
}
