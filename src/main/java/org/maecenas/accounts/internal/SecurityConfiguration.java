package org.maecenas.accounts.internal;

import java.util.Map;
import javax.sql.DataSource;
import org.maecenas.accounts.AccountsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.RememberMeAuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.RememberMeServices;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may reach what. Pages are public unless listed here; personal, creator and operator areas
 * need the matching sign-in. CSRF tokens live in a cookie so anonymous visitors cost no session row.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountsProperties.class)
class SecurityConfiguration {

    /**
     * Scripts, styles and frames from this site only; with Stripe taking payments, also Stripe.js
     * (its script and frames, and the API it calls), which card forms and bank authentication need.
     */
    static String contentSecurityPolicy(boolean stripe) {
        String stripeJs = stripe ? " https://js.stripe.com https://*.js.stripe.com" : "";
        // without Stripe, default-src covers what scripts may fetch: the policy stays as it always was
        return java.util.stream.Stream.of(
                        "default-src 'self'",
                        "img-src 'self' data: https:",
                        "media-src 'self' https:",
                        "frame-src https://www.youtube-nocookie.com https://player.vimeo.com"
                                + (stripe ? stripeJs + " https://hooks.stripe.com" : ""),
                        "style-src 'self'",
                        "script-src 'self'" + stripeJs,
                        stripe ? "connect-src 'self' https://api.stripe.com" : "",
                        "object-src 'none'",
                        "base-uri 'self'",
                        "form-action 'self'",
                        "frame-ancestors 'none'")
                .filter(directive -> !directive.isEmpty())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    @Bean
    SecurityFilterChain web(
            HttpSecurity http,
            AuthenticationManager authenticationManager,
            RememberMeServices rememberMe,
            Environment environment)
            throws Exception {
        // the same test as the payments module's: Stripe is on when its secret key is set
        String stripeKey = environment.getProperty("maecenas.stripe.secret-key", "");
        String policy = contentSecurityPolicy(!stripeKey.isBlank());
        http.authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .hasRole("ADMIN")
                        .requestMatchers("/admin", "/admin/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/settings", "/settings/**", "/home", "/dashboard", "/dashboard/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .authenticationManager(authenticationManager)
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .failureHandler(backToTheForm())
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?signed-out"))
                .rememberMe(remember -> remember.rememberMeServices(rememberMe))
                // a mail client's one-click unsubscribe (RFC 8058) has no token (the link's signature
                // authorises), and Stripe signs its webhooks instead
                .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository())
                        .ignoringRequestMatchers(
                                PathPatternRequestMatcher.withDefaults()
                                        .matcher(HttpMethod.POST, "/mail/unsubscribe/*"),
                                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/webhooks/stripe")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new CurrentUserFilter(), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Back to the sign-in form, which reads the failure from the session. The failure carries the
     * sign-in request, typed password included, and the session is a row in PostgreSQL: the
     * password is erased before the failure is kept.
     */
    private static AuthenticationFailureHandler backToTheForm() {
        SimpleUrlAuthenticationFailureHandler toForm = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, failure) -> {
            if (failure.getAuthenticationRequest() instanceof CredentialsContainer typed) {
                typed.eraseCredentials();
            }
            toForm.onAuthenticationFailure(request, response, failure);
        };
    }

    /**
     * HttpSecurity uses this manager as it is (ignoring providers its configurers add), so besides
     * passwords it must accept the remember-me token, with the key the remember-me cookie is signed with.
     */
    @Bean
    AuthenticationManager authenticationManager(
            AccountUserDetailsService users,
            PasswordEncoder passwordEncoder,
            LoginThrottle throttle,
            PersistentTokenBasedRememberMeServices rememberMe) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ProviderManager(
                new ThrottledAuthenticationProvider(passwords, throttle),
                new RememberMeAuthenticationProvider(rememberMe.getKey()));
    }

    @Bean
    PersistentTokenBasedRememberMeServices rememberMeServices(
            AccountUserDetailsService users,
            DataSource dataSource,
            InstanceSecrets secrets,
            AccountsProperties properties) {
        JdbcTokenRepositoryImpl tokens = new JdbcTokenRepositoryImpl();
        tokens.setDataSource(dataSource);
        String key = properties.rememberMeKey() != null
                        && !properties.rememberMeKey().isBlank()
                ? properties.rememberMeKey()
                : secrets.get("remember-me-key");
        PersistentTokenBasedRememberMeServices services =
                new PersistentTokenBasedRememberMeServices(key, users, tokens);
        services.setParameter("remember-me");
        services.setTokenValiditySeconds((int) properties.rememberMeValidity().toSeconds());
        return services;
    }

    /** Argon2id for new hashes; bcrypt hashes (from imports) still verify and are upgraded on change. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(
                "argon2",
                Map.of(
                        "argon2",
                        Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                        "bcrypt",
                        new BCryptPasswordEncoder()));
    }
}
