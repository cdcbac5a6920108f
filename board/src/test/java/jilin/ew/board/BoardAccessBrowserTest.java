package jilin.ew.board;

import jilin.ew.schema.WireCodec;
import static jilin.ew.board.Access.incident;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jilin.ew.schema.Command;
import jilin.ew.schema.Handling;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Logins, scope and the controls in a real browser (headless Chromium): what each role sees and may do. */
class BoardAccessBrowserTest {
    static final Duration SHOWS_WITHIN = Duration.ofSeconds(2);
    static final Duration LOAD = Duration.ofSeconds(15);

    private static ChromeDriver driver;
    private Access.Server s;

    @BeforeAll
    static void browser() throws Exception {
        driver = Browser.startForTests();
    }

    @AfterAll
    static void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void start() throws Exception {
        s = new Access.Server();
        Access.fill(s.board);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private WebDriverWait within(Duration d) {
        return (WebDriverWait) new WebDriverWait(driver, d, Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static String attr(WebElement e, String name) {
        String v = e.getAttribute(name);
        return v == null ? "" : v;
    }

    private void login(String user, String password) {
        driver.manage().deleteAllCookies();
        driver.get(s.base);
        within(LOAD).until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
        assertTrue(driver.getCurrentUrl().endsWith("/login"), "the board sends a visitor to the login form");
        driver.findElement(By.id("login-user")).sendKeys(user);
        driver.findElement(By.id("login-password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }

    private void loginAs(String user) {
        login(user, Access.PASSWORD);
        within(LOAD).until(d -> js("return window.board && window.board.lastEventId() !== null"));
        js("localStorage.clear()");
    }

    private Set<String> rowIds() {
        return driver.findElements(By.cssSelector("#queue .row")).stream().map(e -> attr(e, "data-id"))
                .collect(Collectors.toSet());
    }

    private String divisionLevel(String code) {
        return attr(driver.findElement(By.cssSelector("#divisions li[data-code='" + code + "']")), "data-level");
    }

    private WebElement row(String id) {
        return driver.findElement(By.cssSelector("#queue .row[data-id='" + id + "']"));
    }

    static final String S1 = incident("MINE_CH4_ALARM", "S1", 0);
    static final String G1 = incident("GAS_LEL_LEVEL1", "G1", 1);
    static final String V1 = incident("VEH_FATIGUE", "V1", 2);
    static final String S2 = incident("MINE_CO_ALARM", "S2", 3);

    @Test
    void eachRoleSeesExactlyItsOwnAlertsOnTheMapAndInTheQueue() {
        Map<String, Set<String>> queue = Map.of("prov", Set.of(S1, G1, V1, S2), "cc", Set.of(S1, G1),
                "op", Set.of(S1, S2), "ana", Set.of(S1, G1, V1, S2));
        // map divisions: 长春 220100, 吉林 220200, 四平 220300
        Map<String, List<String>> map = Map.of("prov", List.of("RED", "YELLOW", "BLUE"),
                "cc", List.of("RED", "", ""), "op", List.of("RED", "", "BLUE"), "ana", List.of("RED", "YELLOW", "BLUE"));
        for (String user : List.of("prov", "cc", "op", "ana")) {
            loginAs(user);
            within(LOAD).until(d -> queue.get(user).equals(rowIds()));
            within(SHOWS_WITHIN).until(d -> map.get(user).equals(List.of(divisionLevel("220100"),
                    divisionLevel("220200"), divisionLevel("220300"))));
            assertTrue(driver.findElement(By.id("me")).getText().contains(user));
        }
    }

    @Test
    void aDutyOfficerAcknowledgesTheUnacknowledgedRedAndTheQueueShowsWhoAndWhen() throws Exception {
        loginAs("cc");
        within(LOAD).until(d -> rowIds().contains(S1));
        WebElement red = row(S1);
        assertEquals("true", attr(red, "data-unack"));
        assertTrue(red.getText().contains("未确认"), "not by colour alone: " + red.getText());
        assertEquals("false", attr(row(G1), "data-unack"), "ORANGE is not flagged so");
        red.click();
        within(LOAD).until(ExpectedConditions.visibilityOfElementLocated(By.id("c-ack")));
        assertTrue(driver.findElement(By.id("c-silence-red")).getText().contains("红色预警永不屏蔽"));
        driver.findElement(By.id("c-ack")).click();
        within(LOAD).until(d -> driver.findElement(By.id("d-cmd-status")).getText().contains("ACKNOWLEDGE"));
        assertEquals(1, s.sink.sent.size());
        Command c = s.sink.sent.get(0);
        assertEquals(Command.Action.ACKNOWLEDGE, c.action);
        assertEquals("cc", c.actor);
        assertEquals("MINE_CH4_ALARM:S1/" + TestAlerts.T0, c.incidentId);

        // the board never decides it: the queue changes when the job's handling message comes
        assertEquals("true", attr(row(S1), "data-unack"));
        Handling h = new Handling();
        h.incidentId = c.incidentId;
        h.key = "MINE_CH4_ALARM:S1";
        h.state = Handling.State.ACKNOWLEDGED;
        h.version = 1;
        h.updatedAt = c.ts;
        h.acknowledgedBy = "cc";
        h.acknowledgedAt = c.ts;
        h.lastCommandId = c.commandId;
        h.lastAction = "ACKNOWLEDGE";
        s.board.apply(h);
        within(SHOWS_WITHIN).until(d -> "false".equals(attr(row(S1), "data-unack"))
                && row(S1).getText().contains("已确认 cc"));
        within(SHOWS_WITHIN).until(d -> driver.findElement(By.id("d-handling")).getText().contains("cc"));
        within(SHOWS_WITHIN).until(d -> driver.findElement(By.id("d-handling-history")).getText().contains("确认 "));
        Files.copy(driver.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                Path.of("target", "board-acknowledged.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        driver.findElement(By.id("c-note")).sendKeys("瓦斯浓度已回落");
        driver.findElement(By.id("c-add-note")).click();
        within(LOAD).until(d -> s.sink.sent.size() == 2);
        assertEquals("瓦斯浓度已回落", s.sink.sent.get(1).text);
        Handling noted = new WireCodec().decodeHandling(new WireCodec().encode(h)); // a new message
        noted.version = 2;
        noted.lastAction = "NOTE";
        noted.notes.add(new Handling.Note("cc", c.ts + 1000, "瓦斯浓度已回落"));
        s.board.apply(noted);
        within(SHOWS_WITHIN).until(d -> row(S1).getText().contains("✎1"));
        within(SHOWS_WITHIN).until(d -> driver.findElement(By.id("d-notes")).getText().contains("瓦斯浓度已回落"));
        assertEquals(Command.Action.NOTE, s.sink.sent.get(1).action);
    }

    @Test
    void anAnalystGetsNoControlsAndAWrongPasswordStaysOnTheLoginForm() throws Exception {
        login("ana", "not the password");
        within(LOAD).until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
        assertTrue(driver.findElement(By.id("login-error")).getText().contains("Wrong user or password"));
        s.clock.addAndGet(60_000); // past the delay the failure imposed
        loginAs("ana");
        within(LOAD).until(d -> rowIds().contains(S1));
        row(S1).click();
        within(LOAD).until(ExpectedConditions.visibilityOfElementLocated(By.id("d-readonly")));
        assertFalse(driver.findElement(By.id("c-ack")).isDisplayed());
        assertTrue(s.audit().stream().anyMatch(l -> l.contains("\"user\":\"ana\"") && l.contains("failed")));
    }
}
