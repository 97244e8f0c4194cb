package dev.unkd.serve;

/** A request the service refuses: the HTTP status and a message for the client, sent as a JSON error. */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String message) {
        super(message, null, false, false); // expected outcome of a bad request: no stack trace to fill
        this.status = status;
    }

    int status() {
        return status;
    }
}
