package org.maecenas.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Real Chromium for end-to-end tests (use through {@link BrowserTest}). One Playwright and one
 * browser per test class; every test gets a fresh {@link BrowserContext} (no cookies carried
 * over) and a {@link Page} whose relative URLs ({@code page.navigate("/login")}) go to the
 * application on its random port. When a test fails, a screenshot and the page's HTML are kept
 * in {@code target/browser-failures/}.
 *
 * <p>Playwright never downloads a browser here: it drives the system Chromium, installed by
 * {@code .ci/run} (or {@code apt-get install -y chromium}).
 */
public final class Browsers implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    static final Path CHROMIUM = Paths.get(System.getProperty("maecenas.chromium", "/usr/bin/chromium"));
    private static final Map<String, String> NO_DOWNLOAD = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    private static final List<String> CHROMIUM_ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Browsers.class);

    /** What a test class shares; closed by JUnit when the class is done (the store closes AutoCloseables). */
    private record Chromium(Playwright playwright, Browser browser) implements AutoCloseable {

        static Chromium launch() {
            if (!Files.isExecutable(CHROMIUM)) {
                throw new IllegalStateException("No Chromium at " + CHROMIUM
                        + ": install it with `apt-get install -y chromium` (.ci/run does this).");
            }
            Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(NO_DOWNLOAD));
            try {
                Browser browser = playwright
                        .chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(CHROMIUM)
                                .setHeadless(true)
                                .setArgs(CHROMIUM_ARGS));
                return new Chromium(playwright, browser);
            } catch (RuntimeException e) {
                playwright.close();
                throw e;
            }
        }

        @Override
        public void close() {
            browser.close();
            playwright.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Chromium chromium =
                classStore(context).computeIfAbsent(Chromium.class, type -> Chromium.launch(), Chromium.class);
        BrowserContext browserContext =
                chromium.browser().newContext(new Browser.NewContextOptions().setBaseURL(baseUrl(context)));
        context.getStore(NAMESPACE).put(BrowserContext.class, browserContext);
        context.getStore(NAMESPACE).put(Page.class, browserContext.newPage());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        BrowserContext browserContext = context.getStore(NAMESPACE).remove(BrowserContext.class, BrowserContext.class);
        Page page = context.getStore(NAMESPACE).remove(Page.class, Page.class);
        if (browserContext == null) {
            return;
        }
        try {
            if (context.getExecutionException().isPresent() && page != null) {
                keepEvidence(context, page);
            }
        } finally {
            browserContext.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Page.class || type == BrowserContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return context.getStore(NAMESPACE).get(type, type);
    }

    private static ExtensionContext.Store classStore(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE);
    }

    private static String baseUrl(ExtensionContext context) {
        String port =
                SpringExtension.getApplicationContext(context).getEnvironment().getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException(
                    "No server port: browser tests need @SpringBootTest(webEnvironment = RANDOM_PORT); use @BrowserTest.");
        }
        return "http://localhost:" + port;
    }

    private static void keepEvidence(ExtensionContext context, Page page) {
        Path dir = Paths.get(
                "target", "browser-failures", context.getRequiredTestClass().getSimpleName());
        String name = context.getRequiredTestMethod().getName();
        try {
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(dir.resolve(name + ".png"))
                    .setFullPage(true));
            Files.writeString(dir.resolve(name + ".html"), "<!-- " + page.url() + " -->\n" + page.content());
        } catch (IOException | RuntimeException e) {
            // evidence is a courtesy: never hide the test's own failure behind this one
            context.publishReportEntry("browser-evidence", "could not be kept: " + e);
        }
    }
}
