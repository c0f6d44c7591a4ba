package org.maecenas.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.maecenas.accounts.AccountEvents.EmailVerificationRequested;
import org.maecenas.accounts.AccountEvents.PasswordChanged;
import org.maecenas.accounts.AccountProblems.EmailTaken;
import org.maecenas.accounts.AccountProblems.Invalid;
import org.maecenas.accounts.AccountProblems.LinkUnusable;
import org.maecenas.accounts.AccountProblems.UserNotFound;
import org.maecenas.accounts.AccountProblems.WrongPassword;
import org.maecenas.accounts.internal.EmailAddresses;
import org.maecenas.accounts.internal.EmailTokenRepository;
import org.maecenas.accounts.internal.EmailTokenRepository.Purpose;
import org.maecenas.accounts.internal.EmailTokenRepository.StoredToken;
import org.maecenas.accounts.internal.PasswordPolicy;
import org.maecenas.accounts.internal.SessionRevocation;
import org.maecenas.accounts.internal.UserRepository;
import org.maecenas.web.SiteProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating accounts and changing what they hold: names, addresses, passwords, roles. */
@Service
public class Accounts {

    public static final int DISPLAY_NAME_MAX = 80;

    private final UserRepository users;
    private final EmailTokenRepository tokens;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final SessionRevocation sessions;
    private final ApplicationEventPublisher events;
    private final AccountsProperties properties;
    private final SiteProperties site;
    private final Clock clock;

    Accounts(
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

    /** Opens a patron account and sends a link to confirm the address. */
    @Transactional
    public User signUp(String email, String displayName, String password) {
        String address = EmailAddresses.normalise(email);
        String name = displayName == null ? "" : displayName.strip();
        Map<String, String> problems = new LinkedHashMap<>();
        EmailAddresses.problem(address).ifPresent(p -> problems.put("email", p));
        displayNameProblem(name).ifPresent(p -> problems.put("displayName", p));
        passwordPolicy.problem(password, address, name).ifPresent(p -> problems.put("password", p));
        if (!problems.containsKey("email") && users.emailInUse(address)) {
            problems.put("email", new EmailTaken().getMessage());
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        Instant now = clock.instant();
        UserId id;
        try {
            id = users.insert(address, name, passwordEncoder.encode(password), EnumSet.of(Role.PATRON), now, false);
        } catch (DuplicateKeyException raced) {
            throw Invalid.of("email", new EmailTaken().getMessage());
        }
        sendVerification(id, address, name, false, now);
        return require(id);
    }

    /** For seeding and imports: an account whose address is already known to be good. */
    @Transactional
    public User createVerified(String email, String displayName, String password, Role... roles) {
        EnumSet<Role> granted = EnumSet.of(Role.PATRON);
        granted.addAll(java.util.List.of(roles));
        UserId id = users.insert(
                EmailAddresses.normalise(email),
                displayName.strip(),
                passwordEncoder.encode(password),
                granted,
                clock.instant(),
                true);
        return require(id);
    }

    public Optional<User> find(UserId id) {
        return users.find(id);
    }

    public Optional<User> findByEmail(String email) {
        return users.findByEmail(EmailAddresses.normalise(email));
    }

    /** Display names of several accounts at once (missing ones are left out). */
    public java.util.Map<UserId, String> displayNames(java.util.Collection<UserId> ids) {
        return users.displayNames(ids);
    }

    /**
     * Addresses to send optional mail to: of the accounts among {@code ids}, those that confirmed
     * their address (an unconfirmed one may be someone else's).
     */
    public java.util.Map<UserId, String> verifiedEmails(java.util.Collection<UserId> ids) {
        return users.verifiedEmails(ids);
    }

    /** Several accounts at once (missing ones are left out). */
    public java.util.Map<UserId, User> findAll(java.util.Collection<UserId> ids) {
        java.util.Map<UserId, User> found = new java.util.HashMap<>();
        users.findAll(ids).forEach(user -> found.put(user.id(), user));
        return found;
    }

    public User require(UserId id) {
        return users.find(id).orElseThrow(() -> new UserNotFound(id));
    }

    @Transactional
    public User grant(UserId id, Role role) {
        require(id);
        users.addRole(id, role);
        return require(id);
    }

    @Transactional
    public User changeDisplayName(UserId id, String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        displayNameProblem(name).ifPresent(p -> {
            throw Invalid.of("displayName", p);
        });
        require(id);
        users.updateDisplayName(id, name, clock.instant());
        return require(id);
    }

    /**
     * Starts an email change: nothing changes until the link sent to the new address is opened.
     * Asks for the current password, so a borrowed session cannot take the account over.
     */
    @Transactional
    public void requestEmailChange(UserId id, String newEmail, String currentPassword) {
        User user = require(id);
        String address = EmailAddresses.normalise(newEmail);
        Map<String, String> problems = new LinkedHashMap<>();
        EmailAddresses.problem(address).ifPresent(p -> problems.put("email", p));
        if (!problems.containsKey("email") && address.equalsIgnoreCase(user.email())) {
            problems.put("email", "That is already your address.");
        }
        if (!problems.containsKey("email") && users.emailInUse(address)) {
            problems.put("email", new EmailTaken().getMessage());
        }
        if (!passwordMatches(id, currentPassword)) {
            problems.put("currentPassword", new WrongPassword().getMessage());
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        sendVerification(id, address, user.displayName(), true, clock.instant());
    }

    /** Opens a verification link: confirms the address, or switches to the new one. */
    @Transactional
    public User confirmEmail(String token) {
        return confirmEmail(token, null);
    }

    /** As {@link #confirmEmail(String)}, keeping the session that confirmed signed in. */
    @Transactional
    public User confirmEmail(String token, @Nullable String keepSessionId) {
        Instant now = clock.instant();
        StoredToken stored = usable(tokens.find(token, Purpose.VERIFY_EMAIL), now);
        User user = require(stored.userId());
        if (!tokens.use(stored.id(), now)) {
            throw new LinkUnusable(LinkUnusable.Reason.USED);
        }
        if (stored.email().equalsIgnoreCase(user.email())) {
            users.markVerified(user.id(), now);
        } else {
            try {
                users.updateEmail(user.id(), stored.email(), now);
            } catch (DuplicateKeyException taken) {
                throw new EmailTaken();
            }
            // remember-me tokens are keyed by the old address; they end with it
            sessions.revokeAll(user.email(), keepSessionId);
        }
        return require(user.id());
    }

    @Transactional
    public void resendVerification(UserId id) {
        User user = require(id);
        if (!user.emailVerified()) {
            sendVerification(id, user.email(), user.displayName(), false, clock.instant());
        }
    }

    /** Changes the password and signs out every other session of this account. */
    @Transactional
    public void changePassword(UserId id, String currentPassword, String newPassword, @Nullable String keepSession) {
        User user = require(id);
        Map<String, String> problems = new LinkedHashMap<>();
        if (!passwordMatches(id, currentPassword)) {
            problems.put("currentPassword", new WrongPassword().getMessage());
        }
        passwordPolicy
                .problem(newPassword, user.email(), user.displayName())
                .ifPresent(p -> problems.put("newPassword", p));
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        Instant now = clock.instant();
        users.updatePassword(id, passwordEncoder.encode(newPassword), now);
        sessions.revokeAll(user.email(), keepSession);
        events.publishEvent(new PasswordChanged(id, user.email(), user.displayName(), now));
    }

    private boolean passwordMatches(UserId id, String password) {
        return password != null
                && users.passwordHash(id)
                        .map(hash -> passwordEncoder.matches(password, hash))
                        .orElse(false);
    }

    private void sendVerification(UserId id, String address, String name, boolean change, Instant now) {
        tokens.retireOpen(id, Purpose.VERIFY_EMAIL, now);
        Instant expires = now.plus(properties.emailVerificationValidity());
        String token = tokens.issue(id, Purpose.VERIFY_EMAIL, address, now, expires);
        String link = site.link("/verify-email?token=" + token);
        events.publishEvent(new EmailVerificationRequested(id, address, name, link, change, expires));
    }

    static StoredToken usable(Optional<StoredToken> found, Instant now) {
        StoredToken stored = found.orElseThrow(() -> new LinkUnusable(LinkUnusable.Reason.UNKNOWN));
        if (stored.usedAt() != null) {
            throw new LinkUnusable(LinkUnusable.Reason.USED);
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw new LinkUnusable(LinkUnusable.Reason.EXPIRED);
        }
        return stored;
    }

    static Optional<String> displayNameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("Enter the name people will see.");
        }
        if (name.codePointCount(0, name.length()) > DISPLAY_NAME_MAX) {
            return Optional.of("Use at most " + DISPLAY_NAME_MAX + " characters.");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("Use letters, numbers and punctuation only.");
        }
        return Optional.empty();
    }
}
