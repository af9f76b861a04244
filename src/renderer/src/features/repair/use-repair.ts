import { useCallback, useEffect, useReducer, useState } from 'react';
import type { RepairReportSummary } from '../../../../shared/contract/index.ts';
import { useApi } from '../../api/use-api.ts';
import { initialRepairState, repairReducer } from './repair-state.ts';

/** The Repair view's controller: preview, execute (progress from `repairProgress`), cancel, reports, export. */
export function useRepair() {
  const api = useApi();
  const [state, dispatch] = useReducer(repairReducer, initialRepairState);
  const [reports, setReports] = useState<RepairReportSummary[]>([]);

  const loadReports = useCallback(async () => {
    const result = await api.getRepairReports({});
    if (result.ok) setReports(result.value);
  }, [api]);

  useEffect(() => {
    const subscription = api.on('repairProgress', (progress) => dispatch({ type: 'progress', progress }));
    void loadReports();
    return () => subscription.dispose();
  }, [api, loadReports]);

  const preview = async () => {
    dispatch({ type: 'preview' });
    const result = await api.previewRepair({});
    dispatch(result.ok ? { type: 'planned', plan: result.value } : { type: 'failed', message: result.error.message });
  };

  const execute = async () => {
    if (!state.plan) return;
    dispatch({ type: 'execute' });
    const result = await api.executeRepair({ planId: state.plan.id, fingerprint: state.plan.fingerprint });
    dispatch(result.ok ? { type: 'executed', execution: result.value } : { type: 'failed', message: result.error.message });
    await loadReports();
  };

  const cancel = () => void api.cancelRepair({});

  /** Downloads the report (the browser's save dialog; in Electron the same download path). */
  const exportReport = async (id: string, format: 'json' | 'markdown') => {
    const result = await api.exportRepairReport({ id, format });
    if (!result.ok) return dispatch({ type: 'failed', message: result.error.message });
    const url = URL.createObjectURL(new Blob([result.value.content], { type: result.value.mediaType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = result.value.fileName;
    link.click();
    URL.revokeObjectURL(url);
  };

  return { state, reports, preview, execute, cancel, exportReport };
}
