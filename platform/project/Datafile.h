#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

/// The three kinds of Tinybird datafiles; each has its own set of known directives.
enum class DatafileKind
{
    Datasource,
    Pipe,
    Connection,
};

const char * datafileKindName(DatafileKind kind); /// "datasource", "pipe", "connection"

/// One directive of a datafile after INCLUDE expansion (tinybird.md §1.1).
struct DatafileDirective
{
    /// Upper-cased directive name: `engine` -> "ENGINE".
    std::string name;
    /// Shell-style tokens after the name, quotes removed (`TOKEN "a b" READ` -> {"a b", "READ"}).
    std::vector<std::string> args;
    /// The directive's value: the single argument unquoted when there is exactly one token, else the
    /// rest of the line verbatim (trimmed, comment removed), so `ENGINE_SORTING_KEY a, b` is "a, b".
    std::string value;
    /// `DIRECTIVE >` opened a block; `block` holds its lines with the common indentation removed,
    /// leading and trailing blank lines dropped.
    bool is_block = false;
    std::string block;
    /// File line of the block's first kept line (0 for an empty block or a single-line directive).
    size_t block_line = 0;
    /// Where the directive was written (the included file for lines spliced by INCLUDE).
    std::string file;
    size_t line = 0;

    /// "path:line".
    std::string location() const;
    /// The block text if this is a block, else `value`.
    const std::string & text() const { return is_block ? block : value; }
};

/// Line-oriented datafile reader shared by .datasource, .pipe and .connection (tinybird.md §1.1):
/// non-indented `DIRECTIVE args` lines, `DIRECTIVE >` blocks that run until the next non-indented
/// known directive, `#` comments on directive lines, case-insensitive directive names, INCLUDE with
/// `$VAR` substitution. Unknown directives are errors naming file and line. Throws
/// Exception(DATAFILE_ERROR, "path:line: message").
class Datafile
{
public:
    /// Reads the file at `path`. INCLUDE paths are resolved against the including file's directory,
    /// then against `project_root` if given.
    static Datafile load(const std::filesystem::path & path, DatafileKind kind, const std::filesystem::path & project_root = {});

    /// Parses `text` as if it were the file `path` (used for error locations and relative INCLUDEs).
    static Datafile parse(std::string_view text, const std::string & path, DatafileKind kind,
                          const std::filesystem::path & project_root = {});

    DatafileKind kind() const { return kind_; }
    const std::string & path() const { return path_; }
    const std::vector<DatafileDirective> & directives() const { return directives_; }
    /// "path:line: message" for deprecated directives that are accepted and ignored (VERSION, KAFKA_TARGET_PARTITIONS, ...).
    const std::vector<std::string> & warnings() const { return warnings_; }

    /// True if `upper_name` is a directive of `kind` (INCLUDE and VERSION are known to every kind).
    static bool isKnownDirective(DatafileKind kind, const std::string & upper_name);

    /// Shell-style split of one line (posix shlex with comments): quotes group words, `#` at the start
    /// of a word starts a comment. Throws on an unterminated quote with `location` in the message.
    static std::vector<std::string> splitLine(std::string_view line, const std::string & location);

    /// Quotes `value` for writing as a directive argument: `"..."` with `"` and `\` escaped.
    static std::string quote(const std::string & value);

    /// Writes `text` as an indented block body (4 spaces per line; blank lines stay blank).
    static std::string indentBlock(const std::string & text);

private:
    DatafileKind kind_ = DatafileKind::Datasource;
    std::string path_;
    std::vector<DatafileDirective> directives_;
    std::vector<std::string> warnings_;
};

/// Throws Exception(DATAFILE_ERROR, location + ": " + message).
[[noreturn]] void throwDatafileError(const std::string & location, const std::string & message);

/// "`name` must be a valid resource name" check: letters, digits, underscore; starts with a letter or underscore.
bool isValidResourceName(std::string_view name);

} // namespace pipit
