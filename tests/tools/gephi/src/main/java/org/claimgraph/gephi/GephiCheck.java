// Opens exports with the Gephi toolkit as Gephi's import wizard does, verifies them, runs ForceAtlas2 and prints what it saw, one JSON line per import.
package org.claimgraph.gephi;

import java.io.File;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Interval;
import org.gephi.graph.api.Node;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.importer.spi.FileImporter;
import org.gephi.io.importer.plugin.file.spreadsheet.ImporterSpreadsheetCSV;
import org.gephi.io.processor.plugin.AppendProcessor;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.layout.plugin.forceAtlas2.ForceAtlas2;
import org.gephi.layout.plugin.forceAtlas2.ForceAtlas2Builder;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Usage: {@code GephiCheck JOB...}. Each argument is one import, as a user makes it in Gephi's wizard: one GEXF or
 * GraphML file, or nodes.csv then edges.csv joined by the platform's path separator for the spreadsheet import. One
 * JVM checks every job, because starting the toolkit costs seconds and the tests open dozens of files. Each job gets a
 * workspace of its own: every file is imported into one container, verified with {@code container.verify()}, and
 * processed into that workspace (the CSV edges appended to the nodes). Prints one JSON line per job, in the order
 * given: the job's index and files, every issue with its level, the node and edge counts, the edge types Gephi made,
 * the columns with their types, each node's timeline intervals, and the position bounds after ForceAtlas2 with its
 * default settings; or the job's index and the error that stopped it, so one bad file does not hide the others.
 */
public final class GephiCheck {
  private GephiCheck() {}

  public static void main(String[] args) {
    int iterations = Integer.getInteger("iterations", 500);
    ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
    projects.newProject();
    for (int job = 0; job < args.length; job++) {
      String[] paths = args[job].split(Pattern.quote(File.pathSeparator));
      Workspace workspace = projects.openNewWorkspace();
      String line;
      try {
        line = check(job, paths, workspace, iterations);
      } catch (Exception failure) {
        line = "{\"job\":" + job + ",\"files\":" + jsonList(paths) + ",\"error\":" + json(String.valueOf(failure)) + "}";
      }
      System.out.println(line);
      System.out.flush();
      projects.deleteWorkspace(workspace);
    }
    System.exit(0);
  }

  private static String check(int job, String[] paths, Workspace workspace, int iterations) throws FileNotFoundException {
    ImportController importer = Lookup.getDefault().lookup(ImportController.class);
    List<String> issues = new ArrayList<>();
    List<Boolean> verified = new ArrayList<>();
    for (int index = 0; index < paths.length; index++) {
      File file = new File(paths[index]);
      FileImporter fileImporter = importer.getFileImporter(file);
      if (fileImporter == null) throw new IllegalArgumentException("Gephi has no importer for " + file);
      if (fileImporter instanceof ImporterSpreadsheetCSV csv) {
        csv.setFile(file);
        csv.setCharset(StandardCharsets.UTF_8);
        csv.setFieldDelimiter(',');
        csv.refreshAutoDetections();
      }
      Container container = importer.importFile(file, fileImporter);
      if (container == null) throw new IllegalStateException("Gephi could not import " + file);
      verified.add(container.verify());
      for (Issue issue : container.getReport().getIssuesList(Integer.MAX_VALUE)) {
        issues.add("{\"file\":" + json(file.getName()) + ",\"level\":" + json(issue.getLevel().name()) + ",\"message\":"
            + json(issue.getMessage()) + "}");
      }
      importer.process(container, index == 0 ? new DefaultProcessor() : new AppendProcessor(), workspace);
    }

    GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
    Graph graph = model.getDirectedGraph();
    Map<String, Integer> edgeTypes = new TreeMap<>();
    double minWeight = Double.POSITIVE_INFINITY;
    for (Edge edge : graph.getEdges()) {
      Object label = model.getEdgeTypeLabel(edge.getType());
      edgeTypes.merge(String.valueOf(label), 1, Integer::sum);
      minWeight = Math.min(minWeight, edge.getWeight());
    }
    // Each node's timeline intervals as UTC instants: what Gephi's timeline filters on.
    StringBuilder intervals = new StringBuilder("{");
    String comma = "";
    for (Node node : graph.getNodes()) {
      if (!model.isDynamic() || node.getIntervals().length == 0) continue;
      intervals.append(comma).append(json(String.valueOf(node.getId()))).append(":[");
      String inner = "";
      for (Interval interval : node.getIntervals()) {
        intervals.append(inner).append('[').append(json(instant(interval.getLow()))).append(',').append(json(instant(interval.getHigh())))
            .append(']');
        inner = ",";
      }
      intervals.append(']');
      comma = ",";
    }
    intervals.append('}');
    String nodeColumns = columns(model.getNodeTable().toArray());
    String edgeColumns = columns(model.getEdgeTable().toArray());

    ForceAtlas2 layout = new ForceAtlas2Builder().buildLayout();
    layout.setGraphModel(model);
    layout.resetPropertiesValues();
    layout.initAlgo();
    for (int step = 0; step < iterations && layout.canAlgo(); step++) layout.goAlgo();
    layout.endAlgo();
    double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
    for (Node node : graph.getNodes()) {
      minX = Math.min(minX, node.x());
      maxX = Math.max(maxX, node.x());
      minY = Math.min(minY, node.y());
      maxY = Math.max(maxY, node.y());
    }

    StringBuilder out = new StringBuilder("{");
    out.append("\"job\":").append(job).append(',');
    out.append("\"files\":").append(jsonList(paths)).append(',');
    out.append("\"verified\":").append(verified).append(',');
    out.append("\"nodes\":").append(graph.getNodeCount()).append(',');
    out.append("\"edges\":").append(graph.getEdgeCount()).append(',');
    out.append("\"dynamic\":").append(model.isDynamic()).append(',');
    out.append("\"minWeight\":").append(number(minWeight)).append(',');
    out.append("\"edgeTypes\":{");
    String separator = "";
    for (Map.Entry<String, Integer> entry : edgeTypes.entrySet()) {
      out.append(separator).append(json(entry.getKey())).append(':').append(entry.getValue());
      separator = ",";
    }
    out.append("},\"nodeColumns\":").append(nodeColumns).append(",\"edgeColumns\":").append(edgeColumns);
    out.append(",\"bounds\":{\"minX\":").append(number(minX)).append(",\"maxX\":").append(number(maxX));
    out.append(",\"minY\":").append(number(minY)).append(",\"maxY\":").append(number(maxY)).append('}');
    out.append(",\"intervals\":").append(intervals);
    out.append(",\"issues\":[").append(String.join(",", issues)).append("]}");
    return out.toString();
  }

  private static String jsonList(String[] values) {
    StringBuilder out = new StringBuilder("[");
    for (int index = 0; index < values.length; index++) out.append(index == 0 ? "" : ",").append(json(values[index]));
    return out.append(']').toString();
  }

  /** The columns as {title: type}, with the type's simple class name (String, Integer, IntervalSet…). */
  private static String columns(Column[] columns) {
    StringBuilder out = new StringBuilder("{");
    String separator = "";
    for (Column column : columns) {
      out.append(separator).append(json(column.getTitle())).append(':').append(json(column.getTypeClass().getSimpleName()));
      separator = ",";
    }
    return out.append('}').toString();
  }

  private static String instant(double millis) {
    return Double.isFinite(millis) ? Instant.ofEpochMilli((long) millis).toString() : String.valueOf(millis);
  }

  private static String number(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%s", value) : json(String.valueOf(value));
  }

  private static String json(String value) {
    if (value == null) return "null";
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }
}
