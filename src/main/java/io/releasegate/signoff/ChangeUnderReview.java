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

    /**
     * The author this user is, or null when the user wrote none of the commits. Case-insensitive: the author's email
     * against the user's email and id; the author's name against the user's id and full name; the local part of the
     * author's email (alice of alice@example.com) against the user's id.
     */
    Author authoredBy(Identity user) {
        for (Author author : authors) {
            if (Names.same(author.email(), user.email())
                    || Names.same(author.email(), user.id())
                    || Names.same(Names.localPart(author.email()), user.id())
                    || Names.same(author.name(), user.id())
                    || Names.same(author.name(), user.fullName())) {
                return author;
            }
        }
        return null;
    }

    /** Whether the starter's id is the user's id or email, or the local part of either. */
    boolean startedBy(Identity user) {
        return starter != null && (Names.same(starter, user.id()) || Names.same(starter, user.email())
                || Names.same(starter, Names.localPart(user.id()))
                || Names.same(starter, Names.localPart(user.email())));
    }
}
