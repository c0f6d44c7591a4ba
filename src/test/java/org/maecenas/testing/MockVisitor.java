package org.maecenas.testing;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * One browser driving MockMvc: it keeps the cookies the application sets (Spring Session's
 * {@code SESSION}, {@code remember-me}) and sends them back, always from its own remote address.
 * Spring Session finds sessions in PostgreSQL by cookie, so MockMvc's own session object is not
 * enough to stay signed in; and sign-in failures are counted per address, so each visitor has one
 * that no other test uses.
 */
public final class MockVisitor {

    public static final String SESSION_COOKIE = "SESSION";
    public static final String REMEMBER_ME_COOKIE = "remember-me";

    private static final String CSRF_COOKIE = "XSRF-TOKEN";
    /** Every page's body carries the token for htmx: {@code hx-headers='{"X-XSRF-TOKEN": "…"}'}. */
    private static final Pattern CSRF_HEADERS = Pattern.compile("X-[XC]SRF-TOKEN&#34;: &#34;([A-Za-z0-9_-]+)&#34;");

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    private final MockMvc mvc;
    private final String remoteAddr;
    private final Map<String, Cookie> cookies = new LinkedHashMap<>();
    private String csrfToken;
    private String csrfTokenCookie;

    public MockVisitor(MockMvc mvc) {
        this(mvc, uniqueAddress());
    }

    public MockVisitor(MockMvc mvc, String remoteAddr) {
        this.mvc = mvc;
        this.remoteAddr = remoteAddr;
    }

    /** An address in 10.0.0.0/8 that no other visitor of this test run has. */
    public static String uniqueAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    /** A new browser signed in as this user (created by {@link TestUsers}, so with its password). */
    public static MockVisitor signedIn(MockMvc mvc, org.maecenas.accounts.User user) throws Exception {
        MockVisitor browser = new MockVisitor(mvc);
        int status = browser.signIn(user.email(), TestUsers.PASSWORD).getStatus();
        if (status != 302) {
            throw new AssertionError("signing in " + user.email() + " answered " + status);
        }
        return browser;
    }

    public String remoteAddr() {
        return remoteAddr;
    }

    public MockHttpServletResponse get(String path) throws Exception {
        return perform(MockMvcRequestBuilders.get(path));
    }

    /**
     * A form POST carrying the CSRF token the site gave this browser; {@code fields} are name, value,
     * name, value …
     */
    public MockHttpServletResponse post(String path, String... fields) throws Exception {
        return perform(form(path, fields).param("_csrf", csrfToken()));
    }

    /** A form POST that carries no CSRF token, as a forged cross-site form would. */
    public MockHttpServletResponse postWithoutCsrf(String path, String... fields) throws Exception {
        return perform(form(path, fields));
    }

    /** Signs in through the real form: {@code POST /login}. */
    public MockHttpServletResponse signIn(String email, String password) throws Exception {
        return post("/login", "email", email, "password", password);
    }

    public MockHttpServletResponse signInRemembered(String email, String password) throws Exception {
        return post("/login", "email", email, "password", password, "remember-me", "true");
    }

    /** Follows a redirect (same site only) with a GET, as a browser would. */
    public MockHttpServletResponse follow(MockHttpServletResponse redirect) throws Exception {
        String location = redirect.getRedirectedUrl();
        if (location == null) {
            throw new AssertionError("not a redirect: status " + redirect.getStatus());
        }
        String path = location.replaceFirst("^https?://localhost(:\\d+)?", "");
        // a servlet container reads "?error" as error="", MockMvc as no value at all
        return get(path.replaceAll("([?&][^=&]+)(?=&|$)", "$1="));
    }

    public MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        request.accept("text/html,application/xhtml+xml,*/*;q=0.8").with(r -> {
            r.setRemoteAddr(remoteAddr);
            return r;
        });
        if (!cookies.isEmpty()) {
            request.cookie(cookies.values().toArray(Cookie[]::new));
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        for (Cookie cookie : response.getCookies()) {
            if (cookie.getMaxAge() == 0
                    || cookie.getValue() == null
                    || cookie.getValue().isEmpty()) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie);
            }
        }
        return response;
    }

    public Optional<Cookie> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** Drops a cookie, as closing the browser drops the session cookie. */
    public void forget(String name) {
        cookies.remove(name);
    }

    /** A new browser that holds only the given cookie of this one. */
    public MockVisitor withOnly(String cookieName) {
        MockVisitor other = new MockVisitor(mvc, remoteAddr);
        cookie(cookieName).ifPresent(c -> other.cookies.put(c.getName(), c));
        return other;
    }

    /** The Spring Session id this browser carries (the cookie holds it base64-encoded). */
    public Optional<String> sessionId() {
        return cookie(SESSION_COOKIE)
                .map(c -> new String(Base64.getDecoder().decode(c.getValue()), StandardCharsets.US_ASCII));
    }

    /**
     * Reads the (masked) CSRF token from a page, as a browser submits it from a form; fetched again
     * whenever the token cookie changed (signing in replaces it). Deliberately not spring-security-test's
     * {@code csrf()}: that swaps the CSRF filter's cookie repository for a session one, for every later
     * request of the shared context, so sessions would appear where the application creates none.
     */
    private String csrfToken() throws Exception {
        String cookie = cookie(CSRF_COOKIE).map(Cookie::getValue).orElse(null);
        if (csrfToken == null || cookie == null || !cookie.equals(csrfTokenCookie)) {
            Matcher token = CSRF_HEADERS.matcher(get("/about").getContentAsString());
            if (!token.find()) {
                throw new AssertionError("no CSRF token on /about");
            }
            csrfToken = token.group(1);
            csrfTokenCookie = cookie(CSRF_COOKIE).map(Cookie::getValue).orElse(null);
        }
        return csrfToken;
    }

    private static MockHttpServletRequestBuilder form(String path, String... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name, value pairs");
        }
        MockHttpServletRequestBuilder request =
                MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        for (int i = 0; i < fields.length; i += 2) {
            request.param(fields[i], fields[i + 1]);
        }
        return request;
    }
}
