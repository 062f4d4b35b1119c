// Runs an embedded Neo4j Community with its Bolt connector on loopback, for the project's local database.
package org.claimgraph.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

public final class LocalNeo4j {
  private LocalNeo4j() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parseOptions(args);
    Path home = Path.of(require(options, "home")).toAbsolutePath();
    String host = options.getOrDefault("host", "127.0.0.1");
    int port = Integer.parseInt(require(options, "port"));
    String pageCache = options.getOrDefault("pagecache", "512m");
    String txMemory = options.getOrDefault("tx-memory", "1g");

    // Settings are written as a neo4j.conf rather than through setting classes so the same source
    // builds against both the 5.26 LTS line and the calendar-versioned releases.
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("server.bolt.enabled", "true");
    settings.put("server.bolt.listen_address", host + ":" + port);
    settings.put("server.bolt.advertised_address", host + ":" + port);
    settings.put("server.memory.pagecache.size", pageCache);
    settings.put("dbms.memory.transaction.total.max", txMemory);
    // Loopback only, so authentication is off; point NEO4J_URI at a secured server for anything shared.
    settings.put("dbms.security.auth_enabled", "false");
    settings.put("dbms.usage_report.enabled", "false");
    settings.put("db.tx_log.rotation.retention_policy", "2 files");
    // The monitor that ends transactions past their timeout wakes every 2 s by default, so a 2 s query
    // timeout could fire at up to 4 s; checking every 100 ms keeps a timed-out request's 503 within 2.5 s.
    settings.put("db.transaction.monitor.check.interval", "100ms");

    Files.createDirectories(home);
    Path conf = home.resolve("neo4j.conf");
    StringBuilder text = new StringBuilder("# Written by the launcher on every start; edits are overwritten.\n");
    settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    Files.writeString(conf, text.toString());

    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(conf).build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.shutdown();
                  stopped.countDown();
                },
                "neo4j-shutdown"));

    GraphDatabaseService db = service.database("neo4j");
    db.executeTransactionally("RETURN 1");
    // The wrapper waits for this exact line before it reports the database as up.
    System.out.println("NEO4J_READY bolt://" + host + ":" + port);
    System.out.flush();

    // When the parent process dies its end of stdin closes; stopping then means no orphaned JVM.
    if (!options.containsKey("detached")) {
      Thread watcher =
          new Thread(
              () -> {
                try {
                  InputStream in = System.in;
                  while (in.read() != -1) {
                    // Input is ignored; only end-of-stream matters.
                  }
                } catch (IOException ignored) {
                  // A broken pipe means the same as end-of-stream.
                }
                System.exit(0);
              },
              "parent-watch");
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
  }

  private static Map<String, String> parseOptions(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String name = arg.substring(2);
      if (name.equals("detached")) {
        options.put(name, "true");
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("option --" + name + " needs a value");
      }
    }
    return options;
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing option --" + name);
    }
    return value;
  }
}
