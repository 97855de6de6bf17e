package io.jenkins.plugins.releasegate;

import io.jenkins.plugins.releasegate.view.ChangeView;
import io.releasegate.diff.Author;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The change {@code releaseGateApproval} asks to sign off, read once into typed values: the {@code change:} map a
 * Jenkinsfile hands it (what {@code releaseGateDiff} returned), or the change {@code releaseGateDiff} recorded earlier
 * in the same build.
 *
 * @param digest             the change digest approvals are pinned to
 * @param authors            the authors of the commits under review
 * @param risk               the change's risk
 * @param reviewRequired     whether the policy requires review
 * @param requiredApprovals  the approvals the policy asks for
 * @param reviewers          the policy's reviewers ({@code bob, group:lb-reviewers}), or null
 * @param maxAgeMinutes      the policy's approval max age in minutes, 0 for none
 */
record ChangeArgument(String digest, List<Author> authors, String risk, boolean reviewRequired, int requiredApprovals,
        String reviewers, long maxAgeMinutes) {

    /**
     * Reads the map.
     *
     * @throws IllegalArgumentException when it is not the map of {@code releaseGateDiff}: no digest or no authors
     */
    static ChangeArgument of(Object change) {
        if (!(change instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("'change' must be the map returned by releaseGateDiff");
        }
        Object digest = map.get("digest");
        if (digest == null) {
            throw new IllegalArgumentException("'change' must be the map returned by releaseGateDiff (it has no "
                    + "digest)");
        }
        if (!(map.get("authors") instanceof List<?> authorList)) {
            throw new IllegalArgumentException("the change has no 'authors'; without them the rule that authors may"
                    + " not approve cannot be applied. Pass the map returned by releaseGateDiff.");
        }
        List<Author> authors = new ArrayList<>();
        for (Object item : authorList) {
            if (item instanceof Map<?, ?> author) {
                authors.add(new Author(text(author.get("name")), text(author.get("email"))));
            }
        }
        return new ChangeArgument(digest.toString(), authors, map.get("risk") == null ? "UNKNOWN"
                : map.get("risk").toString(), !Boolean.FALSE.equals(bool(map.get("reviewRequired"))),
                (int) number(map.get("requiredApprovals"), 1), reviewers(map.get("reviewers")),
                number(map.get("approvalMaxAgeMinutes"), 0));
    }

    /** The change {@code releaseGateDiff} recorded earlier in the same build. */
    static ChangeArgument of(ChangeView view) {
        return new ChangeArgument(view.getDigest(), view.authorList(), view.getRisk(), view.isReviewRequired(),
                view.getRequiredApprovals(), view.reviewerList(), view.getApprovalMaxAgeMinutes());
    }

    /** The policy's reviewers as the diff returns them (a list of {@code bob}, {@code group:NAME}, or a string). */
    static String reviewers(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Boolean bool(Object value) {
        return value == null ? null : value instanceof Boolean flag ? flag : Boolean.valueOf(value.toString());
    }

    private static long number(Object value, long fallback) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value != null && value.toString().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.toString());
        }
        return fallback;
    }
}
