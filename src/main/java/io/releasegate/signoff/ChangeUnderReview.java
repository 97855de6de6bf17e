package io.releasegate.signoff;

import io.releasegate.diff.Author;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The change a sign-off is about: its digest, the git authors of the commits between base and head (supplied by
 * the diff), and the user who started the build or run, when known.
 *
 * @param digest  the diff's digest ({@code sha256:...})
 * @param authors authors of the commits under review
 * @param starter user id of whoever started the build, or null
 */
public record ChangeUnderReview(String digest, List<Author> authors, String starter) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ChangeUnderReview {
        Objects.requireNonNull(digest, "digest");
        authors = authors == null ? List.of() : List.copyOf(authors);
        starter = Names.blankToNull(starter);
    }

    /** The author this user is, or null when the user wrote none of the commits. */
    Author authoredBy(Identity user) {
        for (Author author : authors) {
            if (Names.same(author.email(), user.email())
                    || Names.same(author.email(), user.id())
                    || Names.same(author.name(), user.id())
                    || Names.same(author.name(), user.fullName())) {
                return author;
            }
        }
        return null;
    }

    boolean startedBy(Identity user) {
        return Names.same(starter, user.id());
    }
}
