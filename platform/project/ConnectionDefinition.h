#pragma once

#include "platform/project/Datafile.h"

#include <string>
#include <utility>
#include <vector>

namespace pipit
{

/// A parsed `.connection` file (tinybird.md §1.4). Values are kept as written, so
/// `{{ tb_secret("NAME", "default") }}` stays unresolved until the connector uses it.
struct ConnectionDefinition
{
    std::string name;
    std::string path;
    std::string description;
    /// "kafka", "s3" or "gcs".
    std::string type;
    /// KAFKA_* / S3_* / GCS_* settings in file order, keys upper case.
    std::vector<std::pair<std::string, std::string>> settings;

    /// Value of a setting, or "" when absent.
    std::string setting(const std::string & key) const;
};

ConnectionDefinition parseConnection(const Datafile & file, const std::string & name);
ConnectionDefinition parseConnectionText(std::string_view text, const std::string & name, const std::string & path = "");

/// The canonical `.connection` text.
std::string connectionToText(const ConnectionDefinition & connection);

} // namespace pipit
