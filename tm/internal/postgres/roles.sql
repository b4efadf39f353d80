-- The roles of a newsroom's shared memory, an example to adapt: one owner
-- who creates and migrates the schema (padan db init), and one group role
-- for the desk, whose members (one login per translator or editor) read and
-- write the memory but cannot change its schema.

-- As a PostgreSQL superuser (psql -U postgres):
CREATE ROLE padan_owner LOGIN PASSWORD 'change me';
CREATE DATABASE padan OWNER padan_owner;
CREATE ROLE padan_desk NOLOGIN;
CREATE ROLE ana LOGIN PASSWORD 'change me too' IN ROLE padan_desk;

-- As padan_owner, in the database padan, after padan db init:
GRANT USAGE ON SCHEMA public TO padan_desk;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO padan_desk;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO padan_desk;
-- The tables and sequences of later migrations too:
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO padan_desk;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO padan_desk;
