package org.maecenas.web;

/** A designed error page: the status, a heading, what happened and what to do next. */
public record ErrorPage(int status, String heading, String explanation, String requestId) {

    static ErrorPage of(int status, String requestId) {
        return switch (status) {
            case 400 ->
                new ErrorPage(
                        status,
                        "That request didn’t make sense to us",
                        "Something in the address or the form was not in the form we expected. Go back and try again.",
                        requestId);
            case 403 ->
                new ErrorPage(
                        status,
                        "This page isn’t open to you",
                        "You may need to sign in with another account, or the form you sent had expired. Reload the page and try again.",
                        requestId);
            case 404 ->
                new ErrorPage(
                        status,
                        "We couldn’t find that page",
                        "The address may be mistyped, or the page may have moved or been removed.",
                        requestId);
            case 405 ->
                new ErrorPage(
                        status,
                        "That isn’t something this page can do",
                        "The page exists, but not for this kind of request.",
                        requestId);
            case 410 ->
                new ErrorPage(
                        status, "This page is gone", "It was here once and has been removed on purpose.", requestId);
            case 413 ->
                new ErrorPage(
                        status,
                        "That was too large",
                        "What you sent is larger than we accept. Try a smaller file.",
                        requestId);
            case 429 ->
                new ErrorPage(
                        status,
                        "Slow down a moment",
                        "Too many requests came in at once. Wait a little and try again.",
                        requestId);
            default ->
                status >= 500
                        ? new ErrorPage(
                                status,
                                "Something went wrong on our side",
                                "The error has been recorded and the people who run this site can see it. Try again in a moment; if it keeps happening, mention the reference below.",
                                requestId)
                        : new ErrorPage(status, "That didn’t work", "The request could not be completed.", requestId);
        };
    }
}
