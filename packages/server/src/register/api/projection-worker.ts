/** Worker thread of projection-threads.ts: projects stored documents for a package. */
import { serveTasks } from '../../threads/worker-task.js';
import { projectedBuffers, projectStoredDocuments } from './stored-documents.js';

serveTasks(projectStoredDocuments, projectedBuffers);
