package dev.tidings.store;

/** The status of a request (DESIGN §4). RECEIVED until the pipeline has finished with it. */
public enum RequestStatus {
    RECEIVED, PROCESSED, DUPLICATE, FAILED, REJECTED
}
