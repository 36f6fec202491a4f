#include "imports/substack_reader.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "core/csv.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"

namespace dateline::imports {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kMaxCsvBytes = 256 * 1024 * 1024;
constexpr int64_t kMaxPostBytes = 8 * 1024 * 1024;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// "2023-05-01T10:00:00.000Z" (what Substack writes) as epoch seconds; 0 when empty.
int64_t SubstackTime(std::string text) {
  size_t dot = text.find('.');
  if (dot != std::string::npos && !text.empty() && text.back() == 'Z')
    text = text.substr(0, dot) + "Z";
  return core::ParseIso8601(text).value_or(0);
}

// A CSV file read whole, each record as column -> value by the header row.
class Table {
 public:
  core::Result<void> Load(const fs::path& path) {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (ec) return core::Error::InvalidArgument("cannot read " + path.string());
    if (size > static_cast<uintmax_t>(kMaxCsvBytes)) {
      return core::Error::InvalidArgument(path.string() + " is larger than 256 MB");
    }
    text_ = ReadFile(path);
    if (!core::IsValidUtf8(text_)) {
      return core::Error::InvalidArgument(path.filename().string() + " is not UTF-8");
    }
    reader_ = std::make_unique<core::CsvReader>(text_);
    std::vector<std::string> header;
    std::string error;
    if (reader_->Next(header, error) != core::CsvReader::Status::kRecord) {
      return core::Error::InvalidArgument(path.filename().string() + " has no header row");
    }
    for (size_t i = 0; i < header.size(); ++i) columns_[std::string(core::Trim(header[i]))] = i;
    name_ = path.filename().string();
    return {};
  }
  bool Has(const std::string& column) const { return columns_.count(column) > 0; }
  // The next record; nullopt at the end. A broken record stops the file, noted.
  std::optional<std::map<std::string, std::string>> Next(std::vector<SourceNote>& notes) {
    std::vector<std::string> fields;
    std::string error;
    auto status = reader_->Next(fields, error);
    if (status == core::CsvReader::Status::kEnd) return std::nullopt;
    if (status == core::CsvReader::Status::kError) {
      notes.push_back({fmt::format("{} line {}", name_, reader_->line()),
                       "the rest of the file was not read: " + error});
      return std::nullopt;
    }
    std::map<std::string, std::string> row;
    for (const auto& [column, i] : columns_) row[column] = i < fields.size() ? fields[i] : "";
    row["#line"] = std::to_string(reader_->line());
    return row;
  }
  int64_t size() const { return static_cast<int64_t>(text_.size()); }

 private:
  std::string text_;
  std::string name_;
  std::unique_ptr<core::CsvReader> reader_;
  std::map<std::string, size_t> columns_;
};

class SubstackReader final : public SourceReader {
 public:
  explicit SubstackReader(fs::path folder) : folder_(std::move(folder)) {}

  core::Result<void> Open() {
    DL_TRY(posts_.Load(folder_ / "posts.csv"));
    if (!posts_.Has("post_id") || !posts_.Has("title")) {
      return core::Error::InvalidArgument(
          "this is not a Substack export: posts.csv has no post_id and title columns");
    }
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder_, ec)) {
      std::string name = entry.path().filename().string();
      if (name.rfind("email_list", 0) == 0 && entry.path().extension() == ".csv") {
        DL_TRY(members_.Load(entry.path()));
        has_members_ = true;
        // email_list.the-lakeside.csv: the publication's name.
        std::string middle = name.substr(10, name.size() - 14);
        while (!middle.empty() && middle.front() == '.') middle.erase(0, 1);
        publication_ = middle.empty() ? "newsletter" : middle;
        break;
      }
    }
    total_ = posts_.size() + (has_members_ ? members_.size() : 0);
    return {};
  }

  core::Result<std::optional<SourceItem>> Next() override {
    while (!posts_done_) {
      auto row = posts_.Next(notes_);
      if (!row) {
        posts_done_ = true;
        break;
      }
      read_ += 1;
      if (auto post = Post(*row)) return std::optional<SourceItem>(std::move(*post));
    }
    while (has_members_) {
      auto row = members_.Next(notes_);
      if (!row) break;
      if (auto member = Member(*row)) return std::optional<SourceItem>(std::move(*member));
    }
    read_ = total_;
    if (paid_elsewhere_ > 0) {
      notes_.push_back({"subscribers", fmt::format("{} paying subscriber(s) pay through "
                                                   "Substack's own Stripe account, which the "
                                                   "export does not carry: grant them access "
                                                   "(dateline subscription grant) or move them "
                                                   "with Substack's help",
                                                   paid_elsewhere_)});
      paid_elsewhere_ = 0;
    }
    return std::optional<SourceItem>();
  }

  std::vector<SourceNote> TakeNotes() override {
    std::vector<SourceNote> out;
    out.swap(notes_);
    return out;
  }
  std::string SourceName() const override { return "substack"; }
  int64_t BytesRead() const override { return std::min(read_, total_); }
  int64_t BytesTotal() const override { return total_; }

 private:
  std::optional<SourcePost> Post(std::map<std::string, std::string>& row) {
    SourcePost p;
    p.id = std::string(core::Trim(row["post_id"]));
    std::string where = "post " + p.id + " (posts.csv line " + row["#line"] + ")";
    std::string type = row["type"];
    if (!type.empty() && type != "newsletter") {
      notes_.push_back({where, fmt::format("skipped: a Substack {}, not a story", type)});
      return std::nullopt;
    }
    // "12345678.the-slug": the number, then the slug.
    size_t dot = p.id.find('.');
    if (p.id.empty() || dot == std::string::npos || dot == 0 ||
        p.id.find_first_of("/\\") != std::string::npos || p.id.find("..") != std::string::npos) {
      notes_.push_back({where, "skipped: its post_id is not NUMBER.slug"});
      return std::nullopt;
    }
    p.slug = p.id.substr(dot + 1);
    p.title = row["title"];
    p.excerpt = row["subtitle"];
    p.published_at = SubstackTime(row["post_date"]);
    p.status = row["is_published"] == "true" ? SourceStatus::kPublished : SourceStatus::kDraft;
    std::string audience = row["audience"];
    p.access = audience == "only_paid" || audience == "founding" ? "subscribers"
               : audience == "only_free"                         ? "registered"
                                                                 : "free";
    fs::path html = folder_ / "posts" / (p.id + ".html");
    std::error_code ec;
    auto size = fs::file_size(html, ec);
    if (ec) {
      notes_.push_back({where, "skipped: posts/" + p.id + ".html is not in the folder"});
      return std::nullopt;
    }
    if (size > static_cast<uintmax_t>(kMaxPostBytes)) {
      notes_.push_back({where, "skipped: its HTML is larger than 8 MB"});
      return std::nullopt;
    }
    p.html = ReadFile(html);
    if (p.status == SourceStatus::kPublished && !p.slug.empty()) {
      p.old_addresses.push_back("/p/" + p.slug);
    }
    return p;
  }

  std::optional<SourceMember> Member(std::map<std::string, std::string>& row) {
    SourceMember m;
    m.email = std::string(core::Trim(row["email"]));
    m.id = m.email;  // Substack's list has no other id
    m.created_at = SubstackTime(row["created_at"]);
    if (row["email_disabled"] != "true") m.newsletters.emplace_back(publication_, publication_);
    if (row["active_subscription"] == "true") ++paid_elsewhere_;
    return m;
  }

  fs::path folder_;
  Table posts_;
  Table members_;
  bool has_members_ = false;
  bool posts_done_ = false;
  std::string publication_;
  int64_t read_ = 0;
  int64_t total_ = 0;
  int64_t paid_elsewhere_ = 0;
  std::vector<SourceNote> notes_;
};

}  // namespace

core::Result<std::unique_ptr<SourceReader>> OpenSubstackExport(const std::string& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    return core::Error::InvalidArgument(folder +
                                        " is not a folder: unzip Substack's export and give the "
                                        "folder that holds posts.csv");
  }
  auto reader = std::make_unique<SubstackReader>(folder);
  DL_TRY(reader->Open());
  return std::unique_ptr<SourceReader>(std::move(reader));
}

}  // namespace dateline::imports
