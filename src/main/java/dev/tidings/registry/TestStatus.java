package dev.tidings.registry;

/** Whether a test event of a draft definition has been processed successfully; publish requires VERIFIED. */
public enum TestStatus {
    NOT_VERIFIED, VERIFIED
}
