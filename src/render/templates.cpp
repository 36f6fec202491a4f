#include "render/templates.hpp"

#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <map>
#include <mutex>
#include <sstream>

namespace dateline::render {
namespace fs = std::filesystem;
namespace mus = kainjow::mustache;

namespace {

mus::data ToData(const View& view) {
  return std::visit(
      [](const auto& v) -> mus::data {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return mus::data(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? mus::data(mus::data::type::bool_true) : mus::data(mus::data::type::bool_false);
        } else if constexpr (std::is_same_v<T, View::List>) {
          mus::data list(mus::data::type::list);
          for (const auto& item : v) list.push_back(ToData(item));
          return list;
        } else {
          mus::data object(mus::data::type::object);
          for (const auto& [key, item] : v) object.set(key, ToData(item));
          return object;
        }
      },
      view.value());
}

}  // namespace

struct Templates::Impl {
  struct Entry {
    std::unique_ptr<mus::mustache> tmpl;
    std::unique_ptr<std::mutex> mu;  // kainjow keeps error state in the template object
  };
  std::map<std::string, Entry, std::less<>> entries;
};

Templates::Templates() : impl_(std::make_unique<Impl>()) {}
Templates::~Templates() = default;

core::Result<std::unique_ptr<Templates>> Templates::Load(const std::string& dir) {
  std::unique_ptr<Templates> t(new Templates());
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return core::Error::InvalidArgument("templates folder '" + dir + "' does not exist");
  }
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".mustache") continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto tmpl = std::make_unique<mus::mustache>(text.str());
    std::string name = fs::relative(it->path(), dir).replace_extension().generic_string();
    if (!tmpl->is_valid()) {
      return core::Error::InvalidArgument("template " + name + ": " + tmpl->error_message());
    }
    t->impl_->entries.emplace(name, Impl::Entry{std::move(tmpl), std::make_unique<std::mutex>()});
  }
  if (ec) return core::Error::Internal("reading templates folder '" + dir + "': " + ec.message());
  return t;
}

bool Templates::Has(std::string_view name) const {
  return impl_->entries.find(name) != impl_->entries.end();
}

core::Result<std::string> Templates::Render(std::string_view name, const View& view) const {
  auto it = impl_->entries.find(name);
  if (it == impl_->entries.end()) {
    return core::Error::NotFound("no template named '" + std::string(name) + "'");
  }
  mus::data data = ToData(view);
  std::lock_guard lock(*it->second.mu);
  std::string out;
  try {
    out = it->second.tmpl->render(data);
  } catch (const std::exception& e) {
    return core::Error::Internal("template " + std::string(name) + ": " + e.what());
  }
  if (!it->second.tmpl->error_message().empty()) {
    return core::Error::Internal("template " + std::string(name) + ": " +
                                 it->second.tmpl->error_message());
  }
  return out;
}

}  // namespace dateline::render
