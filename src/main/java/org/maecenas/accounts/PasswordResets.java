package org.maecenas.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.maecenas.accounts.AccountEvents.PasswordChanged;
import org.maecenas.accounts.AccountEvents.PasswordResetRequested;
import org.maecenas.accounts.AccountProblems.Invalid;
import org.maecenas.accounts.AccountProblems.LinkUnusable;
import org.maecenas.accounts.internal.EmailAddresses;
import org.maecenas.accounts.internal.EmailTokenRepository;
import org.maecenas.accounts.internal.EmailTokenRepository.Purpose;
import org.maecenas.accounts.internal.EmailTokenRepository.StoredToken;
import org.maecenas.accounts.internal.PasswordPolicy;
import org.maecenas.accounts.internal.SessionRevocation;
import org.maecenas.accounts.internal.UserRepository;
import org.maecenas.web.SiteProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by a single-use link that expires. Asking never reveals whether an address has
 * an account: the answer and the work done look the same either way.
 */
@Service
public class PasswordResets {

    private final UserRepository users;
    private final EmailTokenRepository tokens;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final SessionRevocation sessions;
    private final ApplicationEventPublisher events;
    private final AccountsProperties properties;
    private final SiteProperties site;
    private final Clock clock;

    PasswordResets(
            UserRepository users,
            EmailTokenRepository tokens,
            PasswordEncoder passwordEncoder,
            PasswordPolicy passwordPolicy,
            SessionRevocation sessions,
            ApplicationEventPublisher events,
            AccountsProperties properties,
            SiteProperties site,
            Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.sessions = sessions;
        this.events = events;
        this.properties = properties;
        this.site = site;
        this.clock = clock;
    }

    /** Sends a reset link if the address has an account (and it hasn't had too many this hour). */
    @Transactional
    public void request(String email) {
        String address = EmailAddresses.normalise(email);
        EmailAddresses.problem(address).ifPresent(p -> {
            throw Invalid.of("email", p);
        });
        Instant now = clock.instant();
        users.findByEmail(address).ifPresent(user -> {
            if (tokens.issuedSince(user.id(), Purpose.PASSWORD_RESET, now.minusSeconds(3600))
                    >= properties.resetRequestsPerHour()) {
                return;
            }
            tokens.retireOpen(user.id(), Purpose.PASSWORD_RESET, now);
            Instant expires = now.plus(properties.passwordResetValidity());
            String token = tokens.issue(user.id(), Purpose.PASSWORD_RESET, user.email(), now, expires);
            String link = site.link("/password-reset/confirm?token=" + token);
            events.publishEvent(new PasswordResetRequested(user.id(), user.email(), user.displayName(), link, expires));
        });
    }

    /** Checks a link before showing its form; throws {@link LinkUnusable} saying why it can't be used. */
    @Transactional(readOnly = true)
    public void check(String token) {
        Accounts.usable(tokens.find(token, Purpose.PASSWORD_RESET), clock.instant());
    }

    /** Sets the new password, uses up the link and signs the account out everywhere. */
    @Transactional
    public User reset(String token, String newPassword) {
        Instant now = clock.instant();
        StoredToken stored = Accounts.usable(tokens.find(token, Purpose.PASSWORD_RESET), now);
        User user = users.find(stored.userId()).orElseThrow(() -> new LinkUnusable(LinkUnusable.Reason.UNKNOWN));
        Optional<String> problem = passwordPolicy.problem(newPassword, user.email(), user.displayName());
        if (problem.isPresent()) {
            throw Invalid.of("password", problem.get());
        }
        if (!tokens.use(stored.id(), now)) {
            throw new LinkUnusable(LinkUnusable.Reason.USED);
        }
        users.updatePassword(user.id(), passwordEncoder.encode(newPassword), now);
        // the link reached the inbox, so the address is good
        users.markVerified(user.id(), now);
        sessions.revokeAll(user.email(), null);
        events.publishEvent(new PasswordChanged(user.id(), user.email(), user.displayName(), now));
        return user;
    }
}
