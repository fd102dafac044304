#pragma once

#include "engine/storage/IStorage.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pipit
{

/// A table known to the catalog: its definition (the CREATE statement, normalised) and its storage.
struct CatalogTable
{
    std::string database;
    std::string name;
    std::string create_statement;
    StoragePtr storage;
};
using CatalogTablePtr = std::shared_ptr<const CatalogTable>;

/// Databases and their tables, persisted under a root directory:
///   metadata/<database>/<table>.sql   the CREATE statement (written atomically: tmp + fsync + rename)
///   data/<database>/<table>/          the storage's files
/// A table exists iff its metadata file exists: CREATE writes the metadata last, DROP removes it
/// first, so a crash between the two steps leaves only data debris, which open() removes.
/// Thread-safe.
class Catalog
{
public:
    /// Builds the storage of a table from its CREATE statement and data directory. Supplied by
    /// the session layer, which knows SQL and expressions.
    using StorageFactory = std::function<StoragePtr(const std::string & create_statement, const std::string & data_path)>;

    Catalog(std::string root_path, StorageFactory factory);
    ~Catalog();

    /// Loads every table from metadata/ (creating the root and the `default` database if absent).
    void open();
    /// Shuts every storage down (flushes buffers); the catalog is unusable afterwards.
    void shutdown();

    CatalogTablePtr tryGetTable(const std::string & database, const std::string & name) const;
    /// Throws UNKNOWN_TABLE / UNKNOWN_DATABASE.
    CatalogTablePtr getTable(const std::string & database, const std::string & name) const;

    /// Creates the storage via the factory, then persists the statement. Throws TABLE_ALREADY_EXISTS
    /// unless `if_not_exists` (then returns false without doing anything).
    bool createTable(const std::string & database, const std::string & name, const std::string & create_statement, bool if_not_exists);
    /// Throws UNKNOWN_TABLE unless `if_exists` (then returns false).
    bool dropTable(const std::string & database, const std::string & name, bool if_exists);

    std::vector<std::string> listDatabases() const;
    /// Sorted table names; throws UNKNOWN_DATABASE.
    std::vector<std::string> listTables(const std::string & database) const;
    bool hasDatabase(const std::string & database) const;
    void createDatabase(const std::string & database, bool if_not_exists);

    const std::string & rootPath() const { return root_path_; }

private:
    std::string metadataPath(const std::string & database, const std::string & name) const;
    std::string dataPath(const std::string & database, const std::string & name) const;

    std::string root_path_;
    StorageFactory factory_;
    mutable std::mutex mutex_;
    /// database -> table -> entry
    std::map<std::string, std::map<std::string, CatalogTablePtr>> databases_;
};

/// Table and database names become file names: only [A-Za-z0-9_] and non-leading '.'/'-' are
/// accepted (BAD_ARGUMENTS otherwise), so no name can escape the root directory.
void checkObjectName(const std::string & name, const char * what);

} // namespace pipit
