package io.releasegate.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;

/**
 * Edits of {@code .gitattributes} files between two revisions, as {@link ChangeKind#CHECKOUT_CHANGED}: git applies
 * them when it checks a revision out ({@code working-tree-encoding}, {@code eol}, {@code text}, {@code ident},
 * filters), so the bytes a deploy reads from a checkout can differ from the blobs this diff compares. A change that
 * only adds {@code haproxy.cfg working-tree-encoding=UTF-16LE} has no other semantic change, and would otherwise read
 * as none.
 */
final class CheckoutAttributeChanges {
    static final String FILE_NAME = Constants.DOT_GIT_ATTRIBUTES;

    private CheckoutAttributeChanges() {
    }

    static boolean isAttributesFile(String path) {
        return path.equals(FILE_NAME) || path.endsWith("/" + FILE_NAME);
    }

    /**
     * One change per {@code .gitattributes} file added, removed or edited, at its first differing line. A file moved or
     * copied to another directory applies to other files: it is reported as added there (and, when moved, removed from
     * where it was). The tree walk sees only attributes files, so one renamed to another name reads as removed.
     */
    static List<Change> between(GitRepository repository, String base, String head) throws RepositoryException {
        List<Change> changes = new ArrayList<>();
        for (GitRepository.ChangedBlob blob : repository.changes(base, head,
                CheckoutAttributeChanges::isAttributesFile, false).candidates()) {
            FileChange file = blob.change();
            Optional<String> before = repository.readBlob(blob.oldId());
            Optional<String> after = repository.readBlob(blob.newId());
            if (file.path().equals(file.oldPath())) {
                changes.add(change(file.path(), before, after));
                continue;
            }
            changes.add(change(file.path(), Optional.empty(), after));
            if (file.status() == FileChange.Status.RENAMED) {
                changes.add(change(file.oldPath(), before, Optional.empty()));
            }
        }
        return changes;
    }

    private static Change change(String file, Optional<String> before, Optional<String> after) {
        String scope = file.equals(FILE_NAME) ? "every file of the repository"
                : "the files under " + file.substring(0, file.length() - FILE_NAME.length() - 1) + "/";
        String what = before.isEmpty() ? "added" : after.isEmpty() ? "removed" : "changed";
        return new Change(ChangeKind.CHECKOUT_CHANGED, file, firstDifferingLine(before, after), "", "",
                before.map(CheckoutAttributeChanges::firstLines).orElse(""),
                after.map(CheckoutAttributeChanges::firstLines).orElse(""),
                file + " " + what + ": git applies it to " + scope + " on checkout (working-tree-encoding, eol, text,"
                        + " ident, filters), so what a deploy reads from a checkout can differ from what this diff"
                        + " compares.");
    }

    private static int firstDifferingLine(Optional<String> before, Optional<String> after) {
        if (after.isEmpty()) {
            return 0;
        }
        String[] old = before.orElse("").split("\n", -1);
        String[] now = after.get().split("\n", -1);
        for (int i = 0; i < now.length; i++) {
            if (i >= old.length || !old[i].equals(now[i])) {
                return i + 1;
            }
        }
        return Math.max(1, now.length);
    }

    /** The file's first lines, for the change's before/after (a short excerpt, not the whole file). */
    private static String firstLines(String text) {
        String trimmed = text.strip();
        String[] lines = trimmed.split("\n");
        String shown = String.join("; ", Arrays.asList(lines).subList(0, Math.min(3, lines.length)));
        return lines.length > 3 ? shown + "; ..." : shown;
    }
}
