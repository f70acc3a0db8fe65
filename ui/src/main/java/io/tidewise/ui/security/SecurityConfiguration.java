package io.tidewise.ui.security;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.tidewise.ui.config.UiSettings;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Login with a form, sessions and CSRF as Vaadin with Spring Security provide; views are checked by Vaadin's
 * navigation access control, services by {@code @RolesAllowed} (JSR-250 method security), so a role that may not do
 * something is refused on the server even when a request bypasses the views.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
public class SecurityConfiguration {

    /**
     * Spring Boot's actuator: {@code /actuator/health} tells anyone whether the app is up (its details only an
     * admin), every other endpoint ({@code metrics}, {@code prometheus}) answers only an authenticated admin, by HTTP
     * Basic so that a scraper can use it, without a session. The endpoints exposed are read-only, so CSRF, which
     * protects a session's cookies, has nothing to protect here.
     */
    @Bean
    @Order(1)
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .anyRequest().hasRole(Roles.ADMIN))
                // Status codes set directly: sendError would dispatch to /error, which the app's chain answers
                // with a redirect to its login form, useless to a scraper.
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, refused) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"tidewise\"");
                    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                }))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler((request, response, denied) ->
                        response.setStatus(HttpServletResponse.SC_FORBIDDEN)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        // ECharts and our chart element: public static files, holding no data
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/webjars/**"),
                        PathPatternRequestMatcher.withDefaults().matcher("/tidewise/**")).permitAll());
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }

    @Bean
    public UserDirectory userDirectory(UiSettings settings) {
        // the first-run admin is created by UiServer once the app serves: a password is never made for an app
        // that then fails to start, where nobody would see it
        return UserDirectory.load(settings.usersFile(), System.getenv(UserDirectory.ENV_USERS));
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    public UserDetailsService userDetailsService(UserDirectory users) {
        return name -> users.find(name)
                .map(account -> User.withUsername(account.name())
                        .password(account.passwordHash())
                        .roles(account.roles().toArray(String[]::new))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no user '" + name + "'"));
    }
}
