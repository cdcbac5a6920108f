package jilin.ew.job;

import java.util.ServiceLoader;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.RpcSystemLoader;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;

/**
 * Loads Flink's Pekko RPC system from the class path when {@code bin/early-warning} has put it there, before
 * Flink's own loader (which copies the 21 MB jar it bundles to a temporary file on every start and loads it through a
 * class loader of its own). On the class path its classes come from the launcher's class archive, verified once per
 * build, so an embedded cluster starts sooner (docs/performance.md, time to first message). Anywhere else (tests, a
 * Flink cluster) the classes are not there and Flink's loader takes over.
 */
public final class ClasspathRpcSystemLoader implements RpcSystemLoader {
    private static final String PEKKO_RPC = "org.apache.flink.runtime.rpc.pekko.PekkoRpcSystem";

    @Override
    public int getLoadPriority() {
        return -1; // before Flink's loader (0)
    }

    @Override
    public RpcSystem loadRpcSystem(Configuration config) {
        ClassLoader loader = ClasspathRpcSystemLoader.class.getClassLoader();
        if (loader.getResource(PEKKO_RPC.replace('.', '/') + ".class") == null) {
            // Flink tries the next loader on any exception
            throw new RpcLoaderException("the Pekko RPC system is not on the class path");
        }
        for (RpcSystem s : ServiceLoader.load(RpcSystem.class, loader)) {
            if (s.getClass().getName().equals(PEKKO_RPC)) {
                return s;
            }
        }
        throw new RpcLoaderException("the Pekko RPC system is on the class path but not registered as a service");
    }
}
