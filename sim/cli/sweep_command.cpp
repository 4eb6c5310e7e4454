// acmsim sweep and acmsim merge: run a study (or a slice of it), combine slices.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "acmsim/input/input_file.hpp"
#include "acmsim/input/json_source.hpp"
#include "acmsim/report/atomic_file.hpp"
#include "acmsim/report/html_report.hpp"
#include "acmsim/report/study_report.hpp"
#include "acmsim/study/result_document.hpp"
#include "commands.hpp"

namespace acmsim::cli {

namespace {

/// done/total, rate and ETA on one line of stderr; only when it is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void update(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (done < total && secs - last_ < 0.1) return;
    last_ = secs;
    const double rate = secs > 0 ? static_cast<double>(done) / secs : 0.0;
    const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
    const std::size_t width = 30;
    const std::size_t filled = total == 0 ? width : done * width / total;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu runs  %.1f/s  ETA %d:%02d ", std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(),
                 done, total, rate, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  double last_ = -1;
};

int render(const core::Json& doc, const std::string& format, const std::string& out, const std::string& svg, const std::string& html,
           const std::string& chart_metric, bool quiet) {
  try {
    report::OutputFiles files;
    if (!out.empty()) files.add(out, doc.dump(1) + "\n");
    if (!svg.empty()) files.add(svg, report::study_chart_svg(doc, chart_metric));
    if (!html.empty()) files.add(html, report::study_html(doc));
    files.commit();
  } catch (const std::exception& e) {
    std::cerr << "acmsim: " << e.what() << "\n";
    return kBadInput;
  }
  if (quiet) return kOk;
  if (format == "json")
    std::cout << doc.dump(1) << "\n";
  else
    std::cout << report::study_table(doc, format == "markdown");
  return kOk;
}

}  // namespace

int sweep_command(const SweepArgs& args) {
  std::string source;
  std::string error;
  const auto shard = select_shard(args.shard, args.shard_count, source, error);
  if (!shard) {
    std::cerr << "acmsim sweep: " << error << "\n";
    return kBadInput;
  }
  study::Study st;
  try {
    study::StudyLimits limits;
    limits.scenario = args.limits;
    limits.base_override = args.base;
    st = study::load_study(args.file, limits);
  } catch (const scenario::InputError& e) {
    std::cerr << e.render() << "\n";
    return kBadInput;
  }
  if (shard->count > 1 && args.format != "json" && args.out.empty()) {
    std::cerr << "acmsim sweep: a shard's result is only useful to acmsim merge: give --out (or --format json)\n";
    return kBadInput;
  }
  if (shard->count > 1 && (!args.svg.empty() || !args.html.empty())) {
    std::cerr << "acmsim sweep: a shard has no statistics to chart: draw the chart with acmsim merge --svg\n";
    return kBadInput;
  }
  if (!source.empty() && source != "--shard")
    std::cerr << "acmsim sweep: shard " << shard->index << "/" << shard->count << " from " << source << "\n";
  study::SweepOptions options;
  options.replications = args.replications;
  options.threads = args.threads;
  options.shard = *shard;
  options.max_events = args.max_events;
  options.max_memory = args.max_memory;
  ProgressBar bar(!args.quiet && !args.no_progress && isatty(STDERR_FILENO) != 0);
  options.progress = [&bar](std::size_t done, std::size_t total) { bar.update(done, total); };
  study::SweepData data;
  try {
    data = study::run_sweep(st, options);
  } catch (const scenario::InputError& e) {
    std::cerr << e.render() << "\n";
    return kBadInput;
  } catch (const core::RunLimitExceeded& e) {
    std::cerr << args.file << ":1:1: " << e.what() << "\n";
    return kBadInput;
  }
  const core::Json doc = study::result_document(st, data, *shard);
  if (shard->count > 1) {
    try {
      if (!args.out.empty()) report::write_file_atomically(args.out, doc.dump(1) + "\n");
    } catch (const std::exception& e) {
      std::cerr << "acmsim: " << e.what() << "\n";
      return kBadInput;
    }
    if (args.quiet) return kOk;
    if (args.format == "json")
      std::cout << doc.dump(1) << "\n";
    else
      std::cout << "shard " << shard->index << "/" << shard->count << ": replications " << data.first << ".." << data.last << " of "
                << data.replications << " at " << data.points.size() << " points, written to " << args.out << "\n";
    return kOk;
  }
  return render(doc, args.format, args.out, args.svg, args.html, args.chart_metric.empty() ? st.chart_metric : args.chart_metric, args.quiet);
}

int merge_command(const MergeArgs& args) {
  std::vector<std::pair<std::string, core::Json>> docs;
  for (const auto& f : args.files) {
    try {
      // A regular file of bounded size: /dev/zero or a FIFO is refused, not read forever.
      const auto doc = input::parse_json_with_positions(input::read_input_file(f, args.max_file_size, "--max-file-size"));
      docs.emplace_back(f, doc.root);
    } catch (const scenario::InputError& e) {
      std::cerr << e.render() << "\n";
      return kBadInput;
    } catch (const input::JsonSyntaxError& e) {
      std::cerr << f << ":" << e.pos().line << ":" << e.pos().column << ": not JSON: " << e.what() << "\n";
      return kBadInput;
    }
  }
  core::Json merged;
  try {
    merged = study::merge_results(docs);
  } catch (const study::MergeError& e) {
    std::cerr << "acmsim merge: " << e.what() << "\n";
    return kBadInput;
  } catch (const core::Json::exception& e) {
    std::cerr << "acmsim merge: a result file is damaged: " << e.what() << "\n";
    return kBadInput;
  }
  return render(merged, args.format, args.out, args.svg, args.html, args.chart_metric, false);
}

}  // namespace acmsim::cli
