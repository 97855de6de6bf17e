package io.releasegate.diff;

/** What a semantic change does to a pool or a load-balancer file. */
public enum ChangeKind {
    POOL_ADDED,
    POOL_REMOVED,
    SERVER_ADDED,
    SERVER_REMOVED,
    SERVER_DISABLED,
    SERVER_ENABLED,
    SERVER_BACKUP_SET,
    SERVER_BACKUP_CLEARED,
    WEIGHT_CHANGED,
    ADDRESS_CHANGED,
    ALGORITHM_CHANGED,
    HEALTH_CHECK_REMOVED,
    HEALTH_CHECK_ADDED,
    /** A pool left with fewer than 2 servers that can take traffic (not disabled, not backup, weight above 0). */
    SINGLE_POINT_OF_FAILURE,
    /** A share of a pool's weight lost, in per cent of the weight before. */
    CAPACITY_REDUCED,
    CONFIG_UNPARSEABLE,
    /** A change in a load-balancer file outside the pool model (timeouts, frontends, server parameters, ...). */
    OTHER_CHANGE,
    /**
     * An edit of the policy file ({@code .releasegate.yml}): one per changed key, or the file added, removed or
     * unparseable at head. The change is judged by the base revision's policy, never by itself.
     */
    POLICY_CHANGED,

    /**
     * Requests go elsewhere: a {@code default_backend}/{@code use_backend} or an nginx {@code *_pass} target that
     * involves a pool changed, a route was added or removed, or a pool no longer receives traffic from any frontend.
     */
    ROUTE_CHANGED,
    /** A hold appears in {@code .releasegate/holds.yml}: a server may be out of its pool until a time. */
    HOLD_ADDED,
    /** A hold's end moves later. */
    HOLD_EXTENDED,
    /** A hold leaves {@code .releasegate/holds.yml}. */
    HOLD_REMOVED,
    /**
     * A {@code .gitattributes} file was added, removed or edited: git converts files with it on checkout, so what a
     * deploy reads from a checkout may differ from what the diff compared.
     */
    CHECKOUT_CHANGED
}
