// The io namespace: reading and writing tensors in files.
export {
  saveSafetensors, loadSafetensors, readSafetensorsHeader, SafetensorsError,
  type SafetensorsHeader, type SafetensorsTensorInfo,
} from './safetensors';
