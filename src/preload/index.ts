import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './build-api.ts';

contextBridge.exposeInMainWorld('api', buildPreloadApi(ipcRenderer));
