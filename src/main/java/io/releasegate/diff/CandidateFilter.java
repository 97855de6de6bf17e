package io.releasegate.diff;

import java.util.function.Predicate;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Lets a tree walk skip files that cannot be load-balancer configuration, before any diff entry is made. */
final class CandidateFilter extends TreeFilter {
    private final Predicate<String> candidate;

    CandidateFilter(Predicate<String> candidate) {
        this.candidate = candidate;
    }

    @Override
    public boolean include(TreeWalk walker) {
        return walker.isSubtree() || candidate.test(walker.getPathString());
    }

    @Override
    public boolean shouldBeRecursive() {
        return false;
    }

    @Override
    public TreeFilter clone() {
        return this;
    }

    @Override
    public String toString() {
        return "LB_CANDIDATES";
    }
}
