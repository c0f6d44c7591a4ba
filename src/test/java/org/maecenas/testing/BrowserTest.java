package org.maecenas.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a real Tomcat at a random port, clicked through in real Chromium:
 * test methods take a {@link com.microsoft.playwright.Page} parameter (see {@link Browsers}).
 * Every class annotated this way shares one Spring context, so one embedded database (a different
 * one from {@link MaecenasTest}'s): create your own users with unique emails.
 *
 * <p>All browser tests come from 127.0.0.1, so they share the sign-in throttle's per-address
 * budget of failed attempts (5 in 15 minutes): keep deliberate wrong passwords few.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@ExtendWith(Browsers.class)
public @interface BrowserTest {}
