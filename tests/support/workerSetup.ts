// Jest setup file: before a test file loads, points NEO4J_URI at its worker's own Neo4j, for it and what it spawns.
import { WORKER_NEO4J_URIS, workerNeo4jUri } from './workerNeo4j';

const uris = process.env[WORKER_NEO4J_URIS];
if (uris !== undefined && uris !== '') process.env.NEO4J_URI = workerNeo4jUri(uris, process.env.JEST_WORKER_ID);
