// Before the e2e server starts: with TEST_DATABASE_URL set, (re)create the e2e database on that
// Postgres server, so the app migrates and seeds it from empty as on a first deployment.
// Without it the server uses a fresh embedded database and there is nothing to do here.
import pg from "pg";

const serverUrl = process.env.TEST_DATABASE_URL;
const name = process.argv[2];
if (serverUrl && name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  console.log(`e2e: fresh Postgres database ${name}`);
}
