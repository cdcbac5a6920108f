package jilin.ew.board;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through /usr/bin/chromedriver, named explicitly so Selenium Manager never
 * looks for (or downloads) a browser. {@code bin/ensure-browser} installs the pair first where it can.
 */
public final class Browser {
    static final String CHROMIUM = System.getenv().getOrDefault("BOARD_CHROMIUM", "/usr/bin/chromium");
    static final String DRIVER = System.getenv().getOrDefault("BOARD_CHROMEDRIVER", "/usr/bin/chromedriver");

    private static final Logger QUIET_CDP = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private Browser() {}

    /** Runs bin/ensure-browser; fails with what to install when the browser is missing and cannot be installed. */
    public static void ensureInstalled() throws IOException, InterruptedException {
        if (new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute()) {
            return;
        }
        Path script = Path.of("..", "bin", "ensure-browser").toAbsolutePath().normalize();
        Process p = new ProcessBuilder(script.toString()).inheritIO().start();
        int rc = p.waitFor();
        if (rc != 0 || !new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("the board's browser tests need Chromium and its driver at " + CHROMIUM
                    + " and " + DRIVER + "; install them as root: apt-get install chromium chromium-driver");
        }
    }

    public static ChromeDriver start(Path profileDir) throws IOException {
        // Selenium warns on every start that it has no DevTools bindings for this Chromium; the tests use none
        QUIET_CDP.setLevel(Level.SEVERE);
        Files.createDirectories(profileDir);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1600,1000", "--user-data-dir=" + profileDir.toAbsolutePath(), "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return d;
    }

    /** The browser for a test class: installed if need be, started on a fresh profile under target/. */
    public static ChromeDriver startForTests() throws IOException, InterruptedException {
        ensureInstalled();
        return start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile-"));
    }
}
