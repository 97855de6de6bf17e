package io.releasegate.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Edits of {@code .gitattributes} files between two revisions, as {@link ChangeKind#CHECKOUT_CHANGED}: git applies
 * them when it checks a revision out ({@code working-tree-encoding}, {@code eol}, {@code text}, {@code ident}, filters),
 * so the bytes a deploy reads from a checkout can differ from the blobs this diff compares. A change that only adds
 * {@code haproxy.cfg working-tree-encoding=UTF-16LE} has no other semantic change, and would otherwise read as none.
 */
final class CheckoutAttributeChanges {
    static final String FILE_NAME = ".gitattributes";

    private CheckoutAttributeChanges() {
    }

    static boolean isAttributesFile(String path) {
        return path.equals(FILE_NAME) || path.endsWith("/" + FILE_NAME);
    }

    /** One change per added, removed or edited {@code .gitattributes} file, at its first differing line. */
    static List<Change> between(GitRepository repository, String base, String head) throws RepositoryException {
        List<Change> changes = new ArrayList<>();
        for (GitRepository.ChangedBlob blob : repository.changes(base, head,
                CheckoutAttributeChanges::isAttributesFile, false).candidates()) {
            Optional<String> before = repository.readBlob(blob.oldId());
            Optional<String> after = repository.readBlob(blob.newId());
            String file = blob.change().path();
            if (!isAttributesFile(file)) {
                continue; // renamed away from .gitattributes: its old path is reported as removed below
            }
            String scope = file.equals(FILE_NAME) ? "every file of the repository"
                    : "the files under " + file.substring(0, file.length() - FILE_NAME.length() - 1) + "/";
            String what = before.isEmpty() ? "added" : after.isEmpty() ? "removed" : "changed";
            changes.add(new Change(ChangeKind.CHECKOUT_CHANGED, file, firstDifferingLine(before, after), "", "",
                    before.map(CheckoutAttributeChanges::firstLines).orElse(""),
                    after.map(CheckoutAttributeChanges::firstLines).orElse(""),
                    file + " " + what + ": git applies it to " + scope + " on checkout (working-tree-encoding, eol,"
                            + " text, ident, filters), so what a deploy reads from a checkout can differ from what"
                            + " this diff compares."));
        }
        return changes;
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
        String shown = String.join("; ", java.util.Arrays.asList(lines).subList(0, Math.min(3, lines.length)));
        return lines.length > 3 ? shown + "; ..." : shown;
    }
}
