#include "store/json_export.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <map>

#include "core/crypto.hpp"
#include "core/json_text.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "store/content_generation.hpp"

namespace dateline::store {
namespace {

namespace json = boost::json;

std::vector<std::string> ColumnsOf(std::string_view list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    out.emplace_back(core::Trim(list.substr(start, comma - start)));
    start = comma + 1;
  }
  return out;
}

// A value as JSON: text that is not UTF-8 (no column should hold any) as {"base64": ...}.
void WriteValue(std::string& line, const Value& v) {
  if (std::holds_alternative<std::nullptr_t>(v)) {
    line += "null";
  } else if (const auto* i = std::get_if<int64_t>(&v)) {
    line += std::to_string(*i);
  } else if (const auto* d = std::get_if<double>(&v)) {
    line += fmt::format("{}", *d);
  } else {
    const auto& s = std::get<std::string>(v);
    if (core::IsValidUtf8(s)) {
      line += core::JsonString(s);
    } else {
      line += "{\"base64\":\"" + core::Base64Encode(s) + "\"}";
    }
  }
}

core::Result<Value> ReadValue(const json::value& v) {
  if (v.is_null()) return Value(nullptr);
  if (v.is_int64()) return Value(v.as_int64());
  if (v.is_uint64()) return Value(static_cast<int64_t>(v.as_uint64()));
  if (v.is_double()) return Value(v.as_double());
  if (v.is_string()) return Value(std::string(v.as_string()));
  if (v.is_object()) {
    const json::value* b = v.as_object().if_contains("base64");
    if (b && b->is_string()) {
      auto bytes = core::Base64Decode(std::string(b->as_string()));
      if (bytes) return Value(*bytes);
    }
  }
  return core::Error::InvalidArgument("a value that is not null, a number, text or base64");
}

}  // namespace

core::Result<CopyReport> ExportJsonLines(Db& from, const Schema& schema, std::ostream& out,
                                         const core::Clock& clock,
                                         const std::function<void(const CopyProgress&)>& progress) {
  auto version = Migrate(from, schema.migrations, clock);
  if (!version.ok()) return version.error();
  CopyReport report;
  report.schema_version = version->version;
  auto status = from.InReadSnapshot([&](Executor& source) -> core::Result<void> {
    out << "{\"dateline_export\":" << kExportFormat << ",\"schema_version\":" << version->version
        << ",\"exported_at\":" << core::JsonString(core::FormatIso8601(clock.NowSeconds()))
        << "}\n";
    for (const auto& t : schema.tables) {
      // A signal to page caches, not the site's data: the importing store bumps its own.
      if (t.name == "content_generation") continue;
      auto total = source.QueryOne(fmt::format("SELECT COUNT(*) FROM {}", t.name));
      if (!total.ok()) return total.error();
      std::string header = "{\"table\":" + core::JsonString(t.name) + ",\"columns\":[";
      auto columns = ColumnsOf(t.columns);
      for (size_t i = 0; i < columns.size(); ++i) {
        header += (i ? "," : "") + core::JsonString(columns[i]);
      }
      out << header << "]}\n";
      // Keyset pages would need each table's key typed; the snapshot makes OFFSET exact.
      std::string select = fmt::format("SELECT {} FROM {} ORDER BY {} LIMIT ? OFFSET ?", t.columns,
                                       t.name, t.order_by);
      int64_t done = 0;
      if (progress) progress({t.name, 0, total->Int(0)});
      for (;;) {
        auto rows = source.Query(select, {int64_t{500}, done});
        if (!rows.ok()) return rows.error();
        if (rows->empty()) break;
        for (const auto& row : *rows) {
          std::string line = "[";
          for (size_t i = 0; i < row.size(); ++i) {
            if (i) line += ',';
            WriteValue(line, row.Raw(i));
          }
          out << line << "]\n";
        }
        done += static_cast<int64_t>(rows->size());
        if (progress) progress({t.name, done, std::max(done, total->Int(0))});
      }
      report.rows.emplace_back(std::string(t.name), done);
    }
    int64_t rows = 0;
    for (const auto& [name, n] : report.rows) rows += n;
    out << "{\"end\":true,\"rows\":" << rows << "}\n";
    out.flush();
    if (!out) return core::Error::Unavailable("could not write the export (disk full?)");
    return {};
  });
  if (!status.ok()) return status.error();
  return report;
}

core::Result<CopyReport> ImportJsonLines(Db& to, const Schema& schema, std::istream& in,
                                         const core::Clock& clock,
                                         const std::function<void(const CopyProgress&)>& progress) {
  auto version = Migrate(to, schema.migrations, clock);
  if (!version.ok()) return version.error();
  std::map<std::string, const TableSpec*, std::less<>> known;
  for (const auto& t : schema.tables) known[std::string(t.name)] = &t;
  for (const auto& t : schema.tables) {
    if (t.seeded) continue;
    auto n = to.QueryOne(fmt::format("SELECT COUNT(*) FROM {}", t.name));
    if (!n.ok()) return n.error();
    if (n->Int(0) > 0) {
      return core::Error::AlreadyExists(
          fmt::format("the store is not empty ({} rows in {})", n->Int(0), t.name));
    }
  }
  CopyReport report;
  report.schema_version = version->version;
  int64_t line_number = 0;
  auto bad = [&](const std::string& what) {
    return core::Error::InvalidArgument(fmt::format("line {}: {}", line_number, what));
  };
  auto done = to.InTransaction([&](Executor& tx) -> core::Result<void> {
    std::string line;
    bool header = false, ended = false;
    const TableSpec* table = nullptr;
    std::string insert;
    size_t width = 0;
    int64_t count = 0;
    auto finish_table = [&]() -> core::Result<void> {
      if (!table) return {};
      if (table->identity_id && tx.dialect() == Dialect::kPostgres) {
        auto moved =
            tx.Query(fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), "
                                 "(SELECT COALESCE(MAX(id), 0) + 1 FROM {0}), false)",
                                 table->name));
        if (!moved.ok()) return moved.error();
      }
      report.rows.emplace_back(std::string(table->name), count);
      if (progress) progress({table->name, count, count});
      return {};
    };
    while (std::getline(in, line)) {
      ++line_number;
      if (line.empty()) continue;
      if (ended) return bad("text after the end line");
      boost::system::error_code ec;
      json::value v = json::parse(line, ec);
      if (ec) return bad("not JSON (" + ec.message() + ")");
      if (!header) {
        const json::object* o = v.if_object();
        const json::value* format = o ? o->if_contains("dateline_export") : nullptr;
        const json::value* schema_version = o ? o->if_contains("schema_version") : nullptr;
        if (!format || !format->is_int64() || format->as_int64() != kExportFormat ||
            !schema_version || !schema_version->is_int64()) {
          return bad("not a Dateline export (dateline export writes the first line)");
        }
        if (schema_version->as_int64() != version->version) {
          return bad(
              fmt::format("an export of schema version {}; this binary has {}: import "
                          "it with the version that wrote it, then upgrade",
                          schema_version->as_int64(), version->version));
        }
        header = true;
        continue;
      }
      if (const json::object* o = v.if_object()) {
        if (o->if_contains("end")) {
          DL_TRY(finish_table());
          table = nullptr;
          ended = true;
          continue;
        }
        const json::value* name = o->if_contains("table");
        const json::value* columns = o->if_contains("columns");
        if (!name || !name->is_string() || !columns || !columns->is_array()) {
          return bad("expected a table line, a row or the end line");
        }
        DL_TRY(finish_table());
        auto it = known.find(std::string_view(name->as_string()));
        if (it == known.end()) return bad("a table this version does not have");
        table = it->second;
        auto expected = ColumnsOf(table->columns);
        if (columns->as_array().size() != expected.size())
          return bad("columns differ from " + std::string(table->name) + "'s");
        for (size_t i = 0; i < expected.size(); ++i) {
          const json::value& c = columns->as_array()[i];
          if (!c.is_string() || c.as_string() != expected[i]) {
            return bad("columns differ from " + std::string(table->name) + "'s");
          }
        }
        width = expected.size();
        count = 0;
        if (table->seeded) DL_TRY(tx.Execute(fmt::format("DELETE FROM {}", table->name)));
        insert = fmt::format("INSERT INTO {} ({}) VALUES ({})", table->name, table->columns,
                             Placeholders(width));
        if (progress) progress({table->name, 0, 0});
        continue;
      }
      const json::array* row = v.if_array();
      if (!row || !table) return bad("a row outside a table");
      if (row->size() != width)
        return bad(
            fmt::format("a row of {} values; {} has {} columns", row->size(), table->name, width));
      Params params;
      params.reserve(width);
      for (const auto& cell : *row) {
        auto value = ReadValue(cell);
        if (!value.ok()) return bad(value.error().message);
        params.push_back(std::move(*value));
      }
      auto inserted = tx.Execute(insert, params);
      if (!inserted.ok())
        return bad(fmt::format("{} refused the row: {}", table->name, inserted.error().message));
      ++count;
    }
    if (!header) return bad("empty: not a Dateline export");
    if (!ended) return bad("the file ends before its end line: it was cut short");
    return BumpContentGeneration(tx);
  });
  if (!done.ok()) return done.error();
  return report;
}

}  // namespace dateline::store
