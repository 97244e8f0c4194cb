package dev.unkd.serve;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own errors as the service's JSON {"error", "status"} instead of HTML pages: requests
 * Jetty refuses before any route sees them (414 URI too long, 431 headers too large, 400 bad
 * request line or encoding) and errors raised outside Javalin (503 while stopping). The message
 * is the status's reason phrase only: nothing from the request is echoed back.
 */
final class JsonErrorHandler extends ErrorHandler {
    /** Refusals while parsing, before a request exists. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ResponseJson.CONTENT_TYPE);
        return ByteBuffer.wrap(ResponseJson.error(status, message(status)));
    }

    /** Errors raised with sendError once a request exists, any method. */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) throws IOException {
        baseRequest.setHandled(true);
        if (response.isCommitted()) {
            return;
        }
        int status = response.getStatus();
        byte[] body = ResponseJson.error(status, message(status));
        response.setContentType(ResponseJson.CONTENT_TYPE);
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IllegalStateException writerInUse) {
            response.getWriter().write(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String message(int status) {
        String reason = HttpStatus.getMessage(status);
        return reason == null ? "HTTP error " + status : reason.toLowerCase(java.util.Locale.ROOT);
    }
}
