#include "metrics/registry.hpp"

#include <fmt/format.h>

#include <cmath>
#include <mutex>

namespace dateline::metrics {

void Histogram::Observe(double seconds) {
  size_t i = 0;
  while (i < kBounds.size() && seconds > kBounds[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  if (seconds > 0) {
    sum_nanos_.fetch_add(static_cast<uint64_t>(std::llround(seconds * 1e9)),
                         std::memory_order_relaxed);
  }
}

std::array<uint64_t, Histogram::kBounds.size() + 1> Histogram::Buckets() const {
  std::array<uint64_t, kBounds.size() + 1> out{};
  for (size_t i = 0; i < out.size(); ++i) out[i] = buckets_[i].load(std::memory_order_relaxed);
  return out;
}

double Histogram::Sum() const {
  return static_cast<double>(sum_nanos_.load(std::memory_order_relaxed)) / 1e9;
}

Registry& Registry::Global() {
  static Registry* registry = new Registry();  // never destroyed: counted into until exit
  return *registry;
}

namespace {

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// Rendered labels with one more (a histogram's le) appended inside the braces.
std::string WithLabel(const std::string& rendered, std::string_view name, std::string_view value) {
  std::string label = fmt::format("{}=\"{}\"", name, value);
  if (rendered.empty()) return "{" + label + "}";
  return rendered.substr(0, rendered.size() - 1) + "," + label + "}";
}

std::string Number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

}  // namespace

std::string RenderLabels(const Labels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  for (const auto& [name, value] : labels) {
    if (out.size() > 1) out += ',';
    out += name;
    out += "=\"";
    out += EscapeLabelValue(value);
    out += '"';
  }
  out += '}';
  return out;
}

Registry::Family& Registry::FamilyFor(std::string_view name, std::string_view help, Type type) {
  auto it = families_.find(name);
  if (it == families_.end()) {
    it = families_.emplace(std::string(name), Family{type, std::string(help), {}, {}, {}}).first;
  }
  return it->second;
}

template <typename Series>
Series& Registry::GetSeries(std::string_view family, std::string_view help, const Labels& labels,
                            Type type,
                            std::map<std::string, std::unique_ptr<Series>> Family::*series) {
  std::string key = RenderLabels(labels);
  {
    std::shared_lock lock(mu_);
    auto f = families_.find(family);
    if (f != families_.end()) {
      auto s = (f->second.*series).find(key);
      if (s != (f->second.*series).end()) return *s->second;
    }
  }
  std::unique_lock lock(mu_);
  auto& slot = (FamilyFor(family, help, type).*series)[key];
  if (!slot) slot = std::make_unique<Series>();
  return *slot;
}

Counter& Registry::GetCounter(std::string_view family, std::string_view help,
                              const Labels& labels) {
  return GetSeries(family, help, labels, Type::kCounter, &Family::counters);
}

Histogram& Registry::GetHistogram(std::string_view family, std::string_view help,
                                  const Labels& labels) {
  return GetSeries(family, help, labels, Type::kHistogram, &Family::histograms);
}

void Registry::SetGauge(std::string_view family, std::string_view help,
                        std::function<double()> read) {
  std::unique_lock lock(mu_);
  FamilyFor(family, help, Type::kGauge).gauge = std::move(read);
}

void Registry::RemoveGauge(std::string_view family) {
  std::unique_lock lock(mu_);
  auto it = families_.find(family);
  if (it != families_.end() && it->second.type == Type::kGauge) families_.erase(it);
}

std::string Registry::Render() const {
  // Gauges are read outside the lock: a reader may query the store.
  struct GaugeReader {
    std::string name, help;
    std::function<double()> read;
  };
  std::vector<GaugeReader> gauges;
  std::string out;
  {
    std::shared_lock lock(mu_);
    for (const auto& [name, family] : families_) {
      if (family.type == Type::kGauge) {
        if (family.gauge) gauges.push_back({name, family.help, family.gauge});
        continue;
      }
      bool counter = family.type == Type::kCounter;
      out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, family.help, name,
                         counter ? "counter" : "histogram");
      for (const auto& [labels, series] : family.counters) {
        out += fmt::format("{}{} {}\n", name, labels, series->Value());
      }
      for (const auto& [labels, series] : family.histograms) {
        auto buckets = series->Buckets();
        uint64_t cumulative = 0;
        for (size_t i = 0; i < Histogram::kBounds.size(); ++i) {
          cumulative += buckets[i];
          out += fmt::format("{}_bucket{} {}\n", name,
                             WithLabel(labels, "le", Number(Histogram::kBounds[i])), cumulative);
        }
        cumulative += buckets.back();
        out += fmt::format("{}_bucket{} {}\n", name, WithLabel(labels, "le", "+Inf"), cumulative);
        out += fmt::format("{}_sum{} {}\n", name, labels, Number(series->Sum()));
        out += fmt::format("{}_count{} {}\n", name, labels, cumulative);
      }
    }
  }
  for (const auto& gauge : gauges) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", gauge.name, gauge.help, gauge.name,
                       gauge.name, Number(gauge.read()));
  }
  return out;
}

}  // namespace dateline::metrics
