package dev.tidings.api;

/** Who an admin request comes from: the root token (everything) or one org's API key (that org only). */
record Principal(String orgId) {
    static final Principal ROOT = new Principal(null);

    boolean isRoot() {
        return orgId == null;
    }

    boolean mayAccess(String org) {
        return isRoot() || orgId.equals(org);
    }
}
