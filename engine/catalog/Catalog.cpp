#include "engine/catalog/Catalog.h"

#include "engine/base/Exception.h"
#include "engine/io/FileSystem.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace pipit
{

void checkObjectName(const std::string & name, const char * what)
{
    bool ok = !name.empty() && name.size() <= 200 && name[0] != '.' && name[0] != '-';
    for (char c : name)
        ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-');
    if (!ok)
        throw Exception(ErrorCode::BAD_ARGUMENTS, std::string("Invalid ") + what + " name '" + name +
                                                      "': use letters, digits and '_' (and '.', '-' after the first character)");
}

Catalog::Catalog(std::string root_path, StorageFactory factory)
    : root_path_(std::move(root_path))
    , factory_(std::move(factory))
{
}

Catalog::~Catalog()
{
    try
    {
        shutdown();
    }
    catch (...) // NOLINT: destructors never throw; shutdown() errors were already reported by callers that care.
    {
    }
}

std::string Catalog::metadataPath(const std::string & database, const std::string & name) const
{
    return root_path_ + "/metadata/" + database + "/" + name + ".sql";
}

std::string Catalog::dataPath(const std::string & database, const std::string & name) const
{
    return root_path_ + "/data/" + database + "/" + name;
}

void Catalog::open()
{
    std::lock_guard lock(mutex_);
    createDirectories(root_path_ + "/metadata/default");
    createDirectories(root_path_ + "/data/default");
    for (const auto & db_entry : fs::directory_iterator(root_path_ + "/metadata"))
    {
        if (!db_entry.is_directory())
            continue;
        std::string database = db_entry.path().filename().string();
        auto & tables = databases_[database];
        for (const auto & file : fs::directory_iterator(db_entry.path()))
        {
            std::string file_name = file.path().filename().string();
            if (file_name.size() <= 4 || file_name.substr(file_name.size() - 4) != ".sql")
                continue; // temporary files of an interrupted atomic write
            std::string name = file_name.substr(0, file_name.size() - 4);
            std::ifstream in(file.path());
            std::stringstream text;
            text << in.rdbuf();
            auto table = std::make_shared<CatalogTable>();
            table->database = database;
            table->name = name;
            table->create_statement = text.str();
            try
            {
                table->storage = factory_(table->create_statement, dataPath(database, name));
            }
            catch (Exception & e)
            {
                e.addContext("Cannot load table " + database + "." + name + " from " + file.path().string());
                throw;
            }
            tables[name] = table;
        }
        // Data directories without metadata are debris of an interrupted CREATE or DROP.
        std::string data_dir = root_path_ + "/data/" + database;
        if (fs::exists(data_dir))
            for (const auto & dir : fs::directory_iterator(data_dir))
                if (!tables.contains(dir.path().filename().string()))
                    removeRecursive(dir.path().string());
    }
}

void Catalog::shutdown()
{
    std::map<std::string, std::map<std::string, CatalogTablePtr>> databases;
    {
        std::lock_guard lock(mutex_);
        databases.swap(databases_);
    }
    for (auto & [db, tables] : databases)
        for (auto & [name, table] : tables)
            table->storage->shutdown();
}

CatalogTablePtr Catalog::tryGetTable(const std::string & database, const std::string & name) const
{
    std::lock_guard lock(mutex_);
    auto db = databases_.find(database);
    if (db == databases_.end())
        return nullptr;
    auto it = db->second.find(name);
    return it == db->second.end() ? nullptr : it->second;
}

CatalogTablePtr Catalog::getTable(const std::string & database, const std::string & name) const
{
    std::lock_guard lock(mutex_);
    auto db = databases_.find(database);
    if (db == databases_.end())
        throw Exception(ErrorCode::UNKNOWN_DATABASE, "Database " + database + " does not exist");
    auto it = db->second.find(name);
    if (it == db->second.end())
        throw Exception(ErrorCode::UNKNOWN_TABLE, "Table " + database + "." + name + " does not exist");
    return it->second;
}

bool Catalog::createTable(const std::string & database, const std::string & name, const std::string & create_statement, bool if_not_exists)
{
    checkObjectName(name, "table");
    std::lock_guard lock(mutex_);
    auto db = databases_.find(database);
    if (db == databases_.end())
        throw Exception(ErrorCode::UNKNOWN_DATABASE, "Database " + database + " does not exist");
    if (db->second.contains(name))
    {
        if (if_not_exists)
            return false;
        throw Exception(ErrorCode::TABLE_ALREADY_EXISTS, "Table " + database + "." + name + " already exists");
    }
    std::string data_path = dataPath(database, name);
    removeRecursive(data_path); // debris of an earlier interrupted attempt
    auto table = std::make_shared<CatalogTable>();
    table->database = database;
    table->name = name;
    table->create_statement = create_statement;
    table->storage = factory_(create_statement, data_path);
    try
    {
        atomicWriteFile(metadataPath(database, name), create_statement);
    }
    catch (...)
    {
        table->storage->drop();
        throw;
    }
    db->second[name] = table;
    return true;
}

bool Catalog::dropTable(const std::string & database, const std::string & name, bool if_exists)
{
    CatalogTablePtr table;
    {
        std::lock_guard lock(mutex_);
        auto db = databases_.find(database);
        auto it = db == databases_.end() ? decltype(db->second.end())() : db->second.find(name);
        if (db == databases_.end() || it == db->second.end())
        {
            if (if_exists)
                return false;
            throw Exception(ErrorCode::UNKNOWN_TABLE, "Table " + database + "." + name + " does not exist");
        }
        table = it->second;
        fs::remove(metadataPath(database, name));
        fsyncDirectory(root_path_ + "/metadata/" + database);
        db->second.erase(it);
    }
    table->storage->shutdown();
    table->storage->drop();
    return true;
}

std::vector<std::string> Catalog::listDatabases() const
{
    std::lock_guard lock(mutex_);
    std::vector<std::string> names;
    for (const auto & [db, tables] : databases_)
        names.push_back(db);
    return names;
}

std::vector<std::string> Catalog::listTables(const std::string & database) const
{
    std::lock_guard lock(mutex_);
    auto db = databases_.find(database);
    if (db == databases_.end())
        throw Exception(ErrorCode::UNKNOWN_DATABASE, "Database " + database + " does not exist");
    std::vector<std::string> names;
    for (const auto & [name, table] : db->second)
        names.push_back(name);
    return names;
}

bool Catalog::hasDatabase(const std::string & database) const
{
    std::lock_guard lock(mutex_);
    return databases_.contains(database);
}

void Catalog::createDatabase(const std::string & database, bool if_not_exists)
{
    checkObjectName(database, "database");
    std::lock_guard lock(mutex_);
    if (databases_.contains(database))
    {
        if (if_not_exists)
            return;
        throw Exception(ErrorCode::DATABASE_ALREADY_EXISTS, "Database " + database + " already exists");
    }
    createDirectories(root_path_ + "/metadata/" + database);
    createDirectories(root_path_ + "/data/" + database);
    databases_[database];
}

} // namespace pipit
